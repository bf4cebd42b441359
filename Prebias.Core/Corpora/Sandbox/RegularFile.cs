using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Prebias.Core.Corpora.Sandbox;

/// <summary>
/// Opens a path for reading only when it is a regular file. .NET cannot tell a FIFO or a device from a file before
/// <c>open()</c>, and <c>open()</c> of a FIFO without a writer blocks forever (no CancellationToken reaches it), while
/// <c>/dev/zero</c> reads without end. So on Linux the file is opened with <c>O_NONBLOCK</c> (a FIFO opens at once) and
/// <c>O_NOFOLLOW</c>, and the open descriptor is checked with <c>fstat</c>: anything but a regular file is closed unread.
/// </summary>
public static class RegularFile
{
    private const int ORdOnly = 0, ONonBlock = 0x800, OCloExec = 0x80000;
    private const int SIfMt = 0xF000, SIfReg = 0x8000;

    /// <summary>The descriptor's real path (<c>/proc/self/fd</c>), so callers can check what was opened, not what was asked.</summary>
    public static string? OpenedPath(FileStream stream) =>
        OperatingSystem.IsLinux() ? File.ResolveLinkTarget($"/proc/self/fd/{stream.SafeFileHandle.DangerousGetHandle()}", returnFinalTarget: false)?.FullName : stream.Name;

    /// <summary>Opens <paramref name="path"/> for sequential reading; throws <see cref="UnsafeSourceException"/>
    /// when it is missing, unreadable or not a regular file (a FIFO, a device, a directory, a socket).</summary>
    public static FileStream OpenRead(string path, bool followSymlinks = true)
    {
        if (!OperatingSystem.IsLinux()) return OpenPortable(path);
        var fd = NativeMethods.Open(path, ORdOnly | ONonBlock | OCloExec | (followSymlinks ? 0 : ONoFollow));
        if (fd < 0) throw new UnsafeSourceException($"cannot open the file (errno {Marshal.GetLastPInvokeError()})");
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            var mode = StatMode(fd);
            if ((mode & SIfMt) != SIfReg) throw new UnsafeSourceException("not a regular file");
            return new FileStream(handle, FileAccess.Read, 1 << 16);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>The canonical absolute path with every symlink resolved (<c>realpath(3)</c>), or null when it does not resolve.</summary>
    public static string? RealPath(string path)
    {
        if (!OperatingSystem.IsLinux()) return File.Exists(path) || Directory.Exists(path) ? Path.GetFullPath(path) : null;
        var resolved = NativeMethods.RealPath(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero) return null;
        try { return Marshal.PtrToStringUTF8(resolved); }
        finally { NativeMethods.Free(resolved); }
    }

    private static int ONoFollow => RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x8000 : 0x20000;

    /// <summary><c>st_mode</c> from <c>fstat</c>; its offset in <c>struct stat</c> is 24 on x86-64 and 16 on the
    /// generic layout (arm64), the only Linux ABIs the service ships for.</summary>
    private static int StatMode(int fd)
    {
        var stat = new byte[256];
        if (NativeMethods.FStat(fd, stat) != 0) throw new UnsafeSourceException($"cannot stat the file (errno {Marshal.GetLastPInvokeError()})");
        var offset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 24 : 16;
        return BitConverter.ToInt32(stat, offset);
    }

    private static FileStream OpenPortable(string path)
    {
        if (!File.Exists(path)) throw new UnsafeSourceException("not a regular file");
        return new FileStream(path, System.IO.FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
    }

    private static class NativeMethods
    {
        [DllImport("libc.so.6", EntryPoint = "open", SetLastError = true)]
        public static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

        [DllImport("libc.so.6", EntryPoint = "fstat", SetLastError = true)]
        public static extern int FStat(int fd, byte[] buffer);

        [DllImport("libc.so.6", EntryPoint = "realpath")]
        public static extern IntPtr RealPath([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);

        [DllImport("libc.so.6", EntryPoint = "free")]
        public static extern void Free(IntPtr pointer);
    }
}
