namespace Harrier.Hunting.Sorting;

/// <summary>Writes and reads one item of a sorted run (temp files are private to one process and run).</summary>
public interface IRecordCodec<T>
{
    void Write(BinaryWriter writer, T item);

    T Read(BinaryReader reader);

    /// <summary>Approximate bytes the item holds in memory (drives when a run is spilled).</summary>
    long EstimateSize(T item);
}
