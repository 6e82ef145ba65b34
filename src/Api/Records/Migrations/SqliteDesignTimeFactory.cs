using Microsoft.EntityFrameworkCore.Design;

namespace ResNetService.Api.Records.Migrations;

/// <summary>Lets <c>dotnet ef migrations add X --context SqliteRecordsContext</c> build the context without the app's host.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteRecordsContext>
{
    public SqliteRecordsContext CreateDbContext(string[] args) => (SqliteRecordsContext)RecordsDatabase.Sqlite("design-time.db").Open();
}
