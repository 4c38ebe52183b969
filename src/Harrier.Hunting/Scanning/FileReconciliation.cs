namespace Harrier.Hunting.Scanning;

/// <summary>
/// What happened to every record of one input file. Invariant: <c>RecordsRead = Rendered + Failed</c>;
/// every rendered record is either scanned or counted in <see cref="OutsideTimeRange"/>.
/// </summary>
/// <param name="File">The input (as it appears in alerts' <c>File</c>).</param>
/// <param name="Format">How it was read.</param>
/// <param name="Bytes">Size of the input in bytes.</param>
/// <param name="RecordsRead">Records the reader reached (including carved ones).</param>
/// <param name="Rendered">Records turned into fields and passed on.</param>
/// <param name="Failed">Records that could not be decoded (see <see cref="Problems"/>).</param>
/// <param name="Carved">Of <see cref="Rendered"/>, records recovered by carving.</param>
/// <param name="OutsideTimeRange">Of <see cref="Rendered"/>, records left out by <c>--from/--to</c>.</param>
/// <param name="Alerts">Alerts raised by single-event rules on this file's records.</param>
/// <param name="Unreadable">Why the whole file could not be read (null when it could).</param>
/// <param name="Problems">Per-record problems, in file order (at most <see cref="MaxProblems"/> kept; the count is exact).</param>
public sealed record FileReconciliation(
    string File,
    InputFormat Format,
    long Bytes,
    long RecordsRead,
    long Rendered,
    long Failed,
    long Carved,
    long OutsideTimeRange,
    long Alerts,
    string? Unreadable,
    IReadOnlyList<RecordProblem> Problems)
{
    /// <summary>How many per-record problems a reconciliation keeps verbatim.</summary>
    public const int MaxProblems = 100;

    public bool IsUnreadable => Unreadable is not null;
}
