namespace Harrier.Hunting.Scanning;

/// <summary>
/// A record (or part of a file) that could not be read; the scan went on past it.
/// </summary>
/// <param name="Location">Where: <c>offset 0x11000</c> (EVTX, chunk/record) or <c>line 12</c> (JSONL).</param>
/// <param name="Message">What was expected and what was found.</param>
public sealed record RecordProblem(string Location, string Message);
