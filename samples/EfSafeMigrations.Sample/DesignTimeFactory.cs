using Microsoft.EntityFrameworkCore.Design;

namespace EfSafeMigrations.Sample;

/// <summary>For <c>dotnet ef migrations add</c>: scaffolding needs the model, never a live server.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<UsersDbContext>
{
    public UsersDbContext CreateDbContext(string[] args) => UsersDbContext.Create("Host=localhost;Database=sample_design_time");
}
