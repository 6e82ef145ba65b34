using Xunit.Abstractions;
using Xunit.Sdk;

namespace ResNetService.Api.Tests.PostgreSql;

/// <summary>Finds <see cref="PostgreSqlFactAttribute"/> tests as xunit finds facts, as <see cref="PostgreSqlTestCase"/>s.</summary>
public sealed class PostgreSqlFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        new PostgreSqlTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
}
