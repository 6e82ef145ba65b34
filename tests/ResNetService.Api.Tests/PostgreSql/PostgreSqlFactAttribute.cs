using Xunit.Sdk;

namespace ResNetService.Api.Tests.PostgreSql;

/// <summary>
/// A fact that needs PostgreSQL when its class is in the <see cref="Support.TestCategory.PostgreSql"/> category: without
/// RESNET_TEST_POSTGRES it is skipped with what to install and run, instead of failing on a missing server. Whether
/// it needs one is the class's to say because a store contract's facts run on SQLite too.
/// </summary>
[XunitTestCaseDiscoverer("ResNetService.Api.Tests.PostgreSql.PostgreSqlFactDiscoverer", "ResNetService.Api.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgreSqlFactAttribute : FactAttribute;
