// Deployed with `dotnet ef database update` and a migration bundle by the end-to-end tests; the app itself does nothing.
Console.WriteLine("SampleDeploy: migrate with dotnet ef database update or the bundle.");
