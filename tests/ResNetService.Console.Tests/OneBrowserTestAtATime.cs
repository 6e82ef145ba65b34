// Each browser test starts a service that trains or checks a dataset while chromium renders: side by side on a
// two-core machine they starved each other's training and health workers for minutes. One at a time, each waits
// only on its own service.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
