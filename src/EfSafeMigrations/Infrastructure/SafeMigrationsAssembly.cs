namespace EfSafeMigrations.Infrastructure;

/// <summary>Facts about this library's own assembly, used in logs, reports and the journal.</summary>
public static class SafeMigrationsAssembly
{
    /// <summary>The library's informational version (for example <c>0.1.0+abc123</c>).</summary>
    public static string Version { get; } =
        typeof(SafeMigrationsAssembly).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>()
            .FirstOrDefault()?.InformationalVersion ?? "unknown";
}
