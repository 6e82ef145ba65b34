using ResNetService.Api.Tests.Support;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace ResNetService.Api.Tests.PostgreSql;

/// <summary>A test case skipped, saying why, when its class needs PostgreSQL and none is configured.</summary>
public sealed class PostgreSqlTestCase : XunitTestCase
{
    [Obsolete("Called by xunit's deserializer.")]
    public PostgreSqlTestCase()
    {
    }

    public PostgreSqlTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay methodDisplay, TestMethodDisplayOptions methodDisplayOptions, ITestMethod testMethod)
        : base(diagnosticMessageSink, methodDisplay, methodDisplayOptions, testMethod)
    {
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute) =>
        (NeedsPostgreSql(TestMethod.TestClass) ? PostgreSqlDatabase.Missing : null) ?? base.GetSkipReason(factAttribute);

    private static bool NeedsPostgreSql(ITestClass testClass) =>
        testClass.Class.GetCustomAttributes(typeof(TraitAttribute))
            .Any(trait => trait.GetConstructorArguments().SequenceEqual([TestCategory.Trait, TestCategory.PostgreSql]));
}
