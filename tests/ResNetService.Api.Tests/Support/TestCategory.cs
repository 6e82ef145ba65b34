namespace ResNetService.Api.Tests.Support;

/// <summary>
/// The values of the <c>Category</c> trait that mark tests needing more than the test process itself, so that the rest
/// can be run alone: <c>dotnet test --filter "Category!=Process&amp;Category!=PostgreSql&amp;Category!=Browser"</c>
/// (docs/testing.md).
/// </summary>
public static class TestCategory
{
    public const string Trait = "Category";

    /// <summary>Starts another program: the service's executable, or a tool (Python's ONNX checker, Redocly, Kiota, a dotnet build).</summary>
    public const string Process = "Process";

    /// <summary>Needs the PostgreSQL that scripts/start-test-postgres.sh starts and names in RESNET_TEST_POSTGRES.</summary>
    public const string PostgreSql = "PostgreSql";

    /// <summary>Drives Debian's chromium through Playwright.</summary>
    public const string Browser = "Browser";
}
