using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Sets VER_FLG_WEAK on the Elf64_Vernaux entries (section .gnu.version_r) whose name is
/// <see cref="VersionName"/>, so that a missing symbol version only makes the dynamic loader warn.
/// </summary>
public sealed class WeakenElfVersionRequirement : Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlagWeak = 0x2;

    [Required] public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();
    [Required] public string VersionName { get; set; } = string.Empty;

    public override bool Execute()
    {
        foreach (var item in Files)
        {
            var path = item.GetMetadata("FullPath");
            try
            {
                var bytes = File.ReadAllBytes(path);
                var weakened = Weaken(bytes);
                if (weakened > 0)
                {
                    File.WriteAllBytes(path, bytes);
                    Log.LogMessage(MessageImportance.Normal, $"{path}: marked {VersionName} weak ({weakened} entr{(weakened == 1 ? "y" : "ies")}).");
                }
            }
            catch (Exception e) when (e is IOException or InvalidDataException or ArgumentOutOfRangeException)
            {
                Log.LogError($"{path}: cannot weaken {VersionName}: {e.Message}");
            }
        }
        return !Log.HasLoggedErrors;
    }

    private int Weaken(byte[] elf)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("not a little-endian 64-bit ELF file");

        var sectionTable = checked((int)U64(elf, 0x28));
        int sectionSize = U16(elf, 0x3A), sectionCount = U16(elf, 0x3C);
        var changed = 0;
        for (var s = 0; s < sectionCount; s++)
        {
            var header = sectionTable + s * sectionSize;
            if (U32(elf, header + 4) != ShtGnuVerneed) continue;

            var verneed = checked((int)U64(elf, header + 0x18));
            var stringsHeader = sectionTable + (int)U32(elf, header + 0x28) * sectionSize;
            var strings = checked((int)U64(elf, stringsHeader + 0x18));
            var entries = U32(elf, header + 0x2C);

            for (var n = 0; n < entries; n++)
            {
                var auxCount = U16(elf, verneed + 2);
                var aux = verneed + (int)U32(elf, verneed + 8);
                for (var a = 0; a < auxCount; a++)
                {
                    if (CString(elf, strings + (int)U32(elf, aux + 8)) == VersionName)
                    {
                        var flags = U16(elf, aux + 4);
                        if ((flags & VerFlagWeak) == 0)
                        {
                            BitConverter.GetBytes((ushort)(flags | VerFlagWeak)).CopyTo(elf, aux + 4);
                            changed++;
                        }
                    }
                    aux += (int)U32(elf, aux + 12);
                }
                var next = U32(elf, verneed + 12);
                if (next == 0) break;
                verneed += (int)next;
            }
        }
        return changed;
    }

    private static ushort U16(byte[] b, int at) => BitConverter.ToUInt16(b, at);
    private static uint U32(byte[] b, int at) => BitConverter.ToUInt32(b, at);
    private static ulong U64(byte[] b, int at) => BitConverter.ToUInt64(b, at);

    private static string CString(byte[] b, int at)
    {
        var end = Array.IndexOf(b, (byte)0, at);
        if (end < 0) throw new InvalidDataException("unterminated string");
        return Encoding.ASCII.GetString(b, at, end - at);
    }
}
