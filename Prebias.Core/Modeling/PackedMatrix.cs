using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Prebias.Core.Modeling;

/// <summary>
/// A weight matrix W (rows, cols) for batch-1 matrix-vector products, repacked from row-major into blocks of
/// <see cref="BlockRows"/> rows, four blocks (32 rows) per pass interleaved by column: a pass stores W[32p..32p+31, j]
/// contiguously for j = 0..cols-1. Then y[32p..32p+31] = Σ_j x[j] · pass_p[j] costs one broadcast and four fused
/// multiply-adds per column and no horizontal sum (a row-major dot product pays one per row, which for stories260k's
/// 64-wide rows cost as much as the products), and the whole matrix is read as one sequential stream (stories15m's
/// 37 MB classifier is bound by memory: four streams, one per block, ran 20 % slower). The last 1-3 blocks form
/// passes of 2 and 1. Rows are zero-padded to a multiple of 8; each row sums over j in order, as run.c's loop.
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
        {
            var (start, stride) = Locate(r);
            for (var j = 0; j < cols; j++) _packed[start + j * stride] = rowMajor[r * cols + j];
        }
    }

    // Where row r's column 0 lies and the step to its next column: its pass starts at block first (passes of 4
    // blocks, then one of 2 and one of 1 for the remainder), holds `count` blocks, and r is block k of it.
    private (int Start, int Stride) Locate(int row)
    {
        var block = row / BlockRows;
        var whole = Blocks / BlocksPerPass * BlocksPerPass;
        var (first, count) = block < whole ? (block / BlocksPerPass * BlocksPerPass, BlocksPerPass)
            : Blocks - whole >= 2 && block < whole + 2 ? (whole, 2)
            : (Blocks - 1, 1);
        return (first * Cols * BlockRows + (block - first) * BlockRows + row % BlockRows, count * BlockRows);
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
        var (start, stride) = Locate(row);
        for (var j = 0; j < Cols; j++) destination[j] = _packed[start + j * stride];
    }

    /// <summary>
    /// The blocks [<paramref name="firstBlock"/>, <paramref name="endBlock"/>) of y = W x: rows 8·firstBlock up to
    /// 8·endBlock of <paramref name="y"/> (padding rows get 0). Threads may fill disjoint block ranges of one y; a
    /// range starts at a multiple of 4 blocks and ends at one or at the last block (<see cref="BlocksOf"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Multiply(ReadOnlySpan<float> x, Span<float> y, int firstBlock, int endBlock)
    {
        if (x.Length < Cols || y.Length < PaddedRows) throw new ArgumentException("x or y is too short");
        if (firstBlock < 0 || firstBlock > endBlock || endBlock > Blocks || firstBlock % BlocksPerPass != 0
            || (endBlock % BlocksPerPass != 0 && endBlock != Blocks))
            throw new ArgumentOutOfRangeException(nameof(endBlock));
        var cols = Cols;
        var stride = (nuint)(cols * BlockRows); // floats per block
        ref var weights = ref MemoryMarshal.GetArrayDataReference(_packed);
        ref var rx = ref MemoryMarshal.GetReference(x);
        ref var ry = ref MemoryMarshal.GetReference(y);
        var b = firstBlock;
        for (; b + BlocksPerPass <= endBlock; b += BlocksPerPass)
        {
            ref var block = ref Unsafe.Add(ref weights, (nuint)b * stride);
            Vector256<float> a0 = Vector256<float>.Zero, a1 = Vector256<float>.Zero;
            Vector256<float> a2 = Vector256<float>.Zero, a3 = Vector256<float>.Zero;
            for (var j = 0; j < cols; j++)
            {
                var xj = Vector256.Create(Unsafe.Add(ref rx, j));
                var at = (nuint)j * (BlocksPerPass * BlockRows);
                a0 = DecoderKernels.MultiplyAdd(Vector256.LoadUnsafe(ref block, at), xj, a0);
                a1 = DecoderKernels.MultiplyAdd(Vector256.LoadUnsafe(ref block, at + BlockRows), xj, a1);
                a2 = DecoderKernels.MultiplyAdd(Vector256.LoadUnsafe(ref block, at + 2 * BlockRows), xj, a2);
                a3 = DecoderKernels.MultiplyAdd(Vector256.LoadUnsafe(ref block, at + 3 * BlockRows), xj, a3);
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
                var at = (nuint)j * (2 * BlockRows);
                a0 = DecoderKernels.MultiplyAdd(Vector256.LoadUnsafe(ref block, at), xj, a0);
                a1 = DecoderKernels.MultiplyAdd(Vector256.LoadUnsafe(ref block, at + BlockRows), xj, a1);
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

    /// <summary>The blocks of one worker of <paramref name="workers"/>, cut at whole passes.</summary>
    public (int First, int End) BlocksOf(int worker, int workers)
    {
        var passes = (Blocks + BlocksPerPass - 1) / BlocksPerPass;
        var first = Math.Min(Blocks, passes * worker / workers * BlocksPerPass);
        var end = Math.Min(Blocks, passes * (worker + 1) / workers * BlocksPerPass);
        return (first, end);
    }
}
