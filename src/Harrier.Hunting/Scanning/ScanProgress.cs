namespace Harrier.Hunting.Scanning;

/// <summary>Progress of a running hunt (reported through <see cref="IProgress{T}"/>; the CLI draws it).</summary>
/// <param name="Stage">What is happening.</param>
/// <param name="FilesDone">Input files finished.</param>
/// <param name="FilesTotal">Input files to scan.</param>
/// <param name="BytesDone">Input bytes finished.</param>
/// <param name="BytesTotal">Input bytes to scan.</param>
/// <param name="Records">Records read so far.</param>
public sealed record ScanProgress(string Stage, int FilesDone, int FilesTotal, long BytesDone, long BytesTotal, long Records);
