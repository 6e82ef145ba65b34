using Microsoft.EntityFrameworkCore.Design;

namespace ResNetService.Api.Records.Migrations;

/// <summary>Lets <c>dotnet ef migrations add X --context PostgreSqlRecordsContext</c> build the context without a server.</summary>
public sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlRecordsContext>
{
    public PostgreSqlRecordsContext CreateDbContext(string[] args) => (PostgreSqlRecordsContext)RecordsDatabase.PostgreSql("Host=localhost").Open();
}
