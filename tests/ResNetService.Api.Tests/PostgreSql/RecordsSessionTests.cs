using Microsoft.EntityFrameworkCore;
using ResNetService.Api.Records;
using ResNetService.Api.Tests.Support;

namespace ResNetService.Api.Tests.PostgreSql;

[Trait(TestCategory.Trait, TestCategory.PostgreSql)]
public sealed class RecordsSessionTests : IDisposable
{
    private readonly PostgreSqlDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [PostgreSqlFact]
    public void TheServerEndsARecordsTransactionLeftIdle()
    {
        // A worker frozen in the middle of a transaction would otherwise hold its row locks for as long as it stays frozen.
        using var db = RecordsDatabase.PostgreSql($"{_database.ConnectionString};Options=-c statement_timeout=60000").Open();

        var setting = db.Database.SqlQueryRaw<string>("SELECT current_setting('idle_in_transaction_session_timeout') AS \"Value\"").AsEnumerable().Single();
        var ownOptions = db.Database.SqlQueryRaw<string>("SELECT current_setting('statement_timeout') AS \"Value\"").AsEnumerable().Single();

        Assert.Equal($"{RecordsDatabase.IdleInTransactionTimeout.TotalSeconds:0}s", setting);
        Assert.Equal("1min", ownOptions);
    }
}
