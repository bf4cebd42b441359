using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Prebias.Core.Modeling;

/// <summary>
/// A weight matrix W (rows, cols) for batch-1 matrix-vector products, repacked from row-major into blocks of
/// <see cref="BlockRows"/> rows interleaved by column: block b holds W[8b..8b+7, j] contiguously for j = 0..cols-1.
/// Then y[8b..8b+7] = Σ_j x[j] · block_b[j] costs one broadcast and one fused multiply-add per column and no
/// horizontal sum; a row-major dot product pays a horizontal sum per row, which for stories260k's 64-wide rows cost
/// as much as the products. Rows are zero-padded to a multiple of 8; each row sums over j in order, as run.c's loop.
/// </summary>
internal sealed class PackedMatrix
{
    /// <summary>Rows per block: one 256-bit vector of floats.</summary>
    public const int BlockRows = 8;

    // Blocks per pass of the kernel: four independent FMA chains hide the FMA latency and share each broadcast of x[j].
    private const int BlocksPerPass = 4;

    private readonly float[] _packed; // (blocks, cols, BlockRows)

    public PackedMatrix(ReadOnlySpan<float> rowMajor, int rows, int cols)
    {
        if (rows <= 0 || cols <= 0 || rowMajor.Length != rows * cols)
            throw new ArgumentException($"expected {rows}x{cols} values, got {rowMajor.Length}", nameof(rowMajor));
        (Rows, Cols, Blocks) = (rows, cols, (rows + BlockRows - 1) / BlockRows);
        _packed = new float[Blocks * cols * BlockRows];
        for (var r = 0; r < rows; r++)
            for (var j = 0; j < cols; j++)
                _packed[(r / BlockRows * cols + j) * BlockRows + r % BlockRows] = rowMajor[r * cols + j];
    }

    public int Rows { get; }
    public int Cols { get; }
    public int Blocks { get; }

    /// <summary>Rows rounded up to whole blocks: the length an output of <see cref="Multiply"/> must have.</summary>
    public int PaddedRows => Blocks * BlockRows;

    /// <summary>Row <paramref name="row"/> of W (cols values): a token's embedding from the tied classifier.</summary>
    public void CopyRow(int row, Span<float> destination)
    {
        if ((uint)row >= (uint)Rows) throw new ArgumentOutOfRangeException(nameof(row));
        var start = row / BlockRows * Cols * BlockRows + row % BlockRows;
        for (var j = 0; j < Cols; j++) destination[j] = _packed[start + j * BlockRows];
    }

    /// <summary>
    /// The blocks [<paramref name="firstBlock"/>, <paramref name="endBlock"/>) of y = W x: rows 8·firstBlock up to
    /// 8·endBlock of <paramref name="y"/> (padding rows get 0). Threads may fill disjoint block ranges of one y.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Multiply(ReadOnlySpan<float> x, Span<float> y, int firstBlock, int endBlock)
    {
        if (x.Length < Cols || y.Length < PaddedRows) throw new ArgumentException("x or y is too short");
        if (firstBlock < 0 || firstBlock > endBlock || endBlock > Blocks)
            throw new ArgumentOutOfRangeException(nameof(endBlock));
        var cols = Cols;
        var stride = (nuint)(cols * BlockRows);
        ref var weights = ref MemoryMarshal.GetArrayDataReference(_packed);
        ref var rx = ref MemoryMarshal.GetReference(x);
        ref var ry = ref MemoryMarshal.GetReference(y);
        var b = firstBlock;
        for (; b + BlocksPerPass <= endBlock; b += BlocksPerPass)
        {
            ref var block = ref Unsafe.Add(ref weights, (nuint)b * stride);
            Vector256<float> a0 = Vector256<float>.Zero, a1 = Vector256<float>.Zero, a2 = Vector256<float>.Zero, a3 = Vector256<float>.Zero;
            for (var j = 0; j < cols; j++)
            {
                var xj = Vector256.Create(Unsafe.Add(ref rx, j));
                var at = (nuint)j * BlockRows;
                a0 = DecoderKernels.MultiplyAdd(Vector256.LoadUnsafe(ref block, at), xj, a0);
                a1 = DecoderKernels.MultiplyAdd(Vector256.LoadUnsafe(ref block, at + stride), xj, a1);
                a2 = DecoderKernels.MultiplyAdd(Vector256.LoadUnsafe(ref block, at + 2 * stride), xj, a2);
                a3 = DecoderKernels.MultiplyAdd(Vector256.LoadUnsafe(ref block, at + 3 * stride), xj, a3);
            }
            var output = (nuint)b * BlockRows;
            a0.StoreUnsafe(ref ry, output);
            a1.StoreUnsafe(ref ry, output + BlockRows);
            a2.StoreUnsafe(ref ry, output + 2 * BlockRows);
            a3.StoreUnsafe(ref ry, output + 3 * BlockRows);
        }
        for (; b + 2 <= endBlock; b += 2) // the remaining 2-3 blocks: two chains, then one
        {
            ref var block = ref Unsafe.Add(ref weights, (nuint)b * stride);
            var (a0, a1) = (Vector256<float>.Zero, Vector256<float>.Zero);
            for (var j = 0; j < cols; j++)
            {
                var xj = Vector256.Create(Unsafe.Add(ref rx, j));
                a0 = DecoderKernels.MultiplyAdd(Vector256.LoadUnsafe(ref block, (nuint)j * BlockRows), xj, a0);
                a1 = DecoderKernels.MultiplyAdd(Vector256.LoadUnsafe(ref block, (nuint)j * BlockRows + stride), xj, a1);
            }
            a0.StoreUnsafe(ref ry, (nuint)b * BlockRows);
            a1.StoreUnsafe(ref ry, (nuint)b * BlockRows + BlockRows);
        }
        for (; b < endBlock; b++)
        {
            ref var block = ref Unsafe.Add(ref weights, (nuint)b * stride);
            var a0 = Vector256<float>.Zero;
            for (var j = 0; j < cols; j++)
            {
                var xj = Vector256.Create(Unsafe.Add(ref rx, j));
                a0 = DecoderKernels.MultiplyAdd(Vector256.LoadUnsafe(ref block, (nuint)j * BlockRows), xj, a0);
            }
            a0.StoreUnsafe(ref ry, (nuint)b * BlockRows);
        }
    }

    /// <summary>The blocks of worker <paramref name="worker"/> of <paramref name="workers"/>, cut at whole passes.</summary>
    public (int First, int End) BlocksOf(int worker, int workers)
    {
        var passes = (Blocks + BlocksPerPass - 1) / BlocksPerPass;
        var first = Math.Min(Blocks, passes * worker / workers * BlocksPerPass);
        var end = Math.Min(Blocks, passes * (worker + 1) / workers * BlocksPerPass);
        return (first, end);
    }
}
