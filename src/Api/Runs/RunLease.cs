using System.Linq.Expressions;
using ResNetService.Api.Records;

namespace ResNetService.Api.Runs;

/// <summary>
/// One worker's claim on a run, as the fencing token its writes carry: the owner and the lease's number. A write of
/// the attempt is a conditional update on both, so once another worker has taken the run over (a new owner, a higher
/// number) every write of the old one is refused, however late it arrives.
/// </summary>
public sealed record RunLease(string RunId, string Owner, int Number)
{
    /// <summary>The run's row while this lease still holds it.</summary>
    public Expression<Func<RunRow, bool>> Holds
    {
        get
        {
            var (id, owner, number) = (RunId, Owner, Number);
            return r => r.Id == id && r.LeaseOwner == owner && r.LeaseNumber == number;
        }
    }

    public static RunLease Of(RunRow claimed) =>
        new(claimed.Id, claimed.LeaseOwner ?? throw new ArgumentException($"Run {claimed.Id} has no lease.", nameof(claimed)), claimed.LeaseNumber);
}
