namespace EfSafeMigrations;

/// <summary>Which safe rewrites are applied. All are on by default.</summary>
public sealed class RewriteOptions
{
}
