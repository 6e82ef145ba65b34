using System.Data.Common;

namespace ResNetService.Api.Hosting.PostgreSql;

/// <summary>A PostgreSQL connection string as every part of the service uses it.</summary>
public static class PostgreSqlConnectionString
{
    /// <summary>Npgsql's keywords for the setting (it matches them ignoring case).</summary>
    private static readonly string[] GssEncryptionMode = ["GSS Encryption Mode", "GssEncryptionMode"];

    /// <summary>
    /// GSS encryption off unless the string (or Npgsql's PGGSSENCMODE variable) asks for it: Npgsql prefers it by default
    /// and so loads libgssapi_krb5 for every new connection, which the container images lack ("cannot open shared object
    /// file" at every start) and which a stack without Kerberos has no use for.
    /// </summary>
    public static string WithDefaults(string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var chosen = builder.Keys.Cast<string>().Any(key => GssEncryptionMode.Contains(key, StringComparer.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("PGGSSENCMODE"));
        if (chosen)
            return connectionString;
        builder[GssEncryptionMode[0]] = "Disable";
        return builder.ConnectionString;
    }
}
