// Nothing to run: this sample exists to be built, so that the analyzer shipped in the package reports on its migration.
Console.WriteLine("built");
