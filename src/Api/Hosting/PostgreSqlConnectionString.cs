using System.Data.Common;

namespace ResNetService.Api.Hosting;

/// <summary>A PostgreSQL connection string as every part of the service uses it.</summary>
public static class PostgreSqlConnectionString
{
    private const string GssEncryptionMode = "GSS Encryption Mode";

    /// <summary>
    /// GSS encryption off unless the string (or Npgsql's PGGSSENCMODE variable) asks for it: Npgsql prefers it by default
    /// and so loads libgssapi_krb5 for every new connection, which the container images lack ("cannot open shared object
    /// file" at every start) and which a stack without Kerberos has no use for.
    /// </summary>
    public static string WithDefaults(string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var chosen = builder.Keys.Cast<string>().Any(key => key.Replace(" ", "", StringComparison.Ordinal).Equals(GssEncryptionMode.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("PGGSSENCMODE"));
        if (chosen)
            return connectionString;
        builder[GssEncryptionMode] = "Disable";
        return builder.ConnectionString;
    }
}
