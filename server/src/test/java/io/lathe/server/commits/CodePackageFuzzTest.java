package io.lathe.server.commits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.server.platform.DomainException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Generated archives, seeded so that a failing case can be replayed: names that climb out, absolute paths, links out
 * of the package (symbolic and hard, alone and in chains), huge, negative and garbled header fields, PAX and GNU long
 * names, truncated and corrupted gzip and tar, random bytes, many entries. {@link CodePackage#inspect} and
 * {@link CodePackage#extract} may only succeed or throw a 4xx {@link DomainException}, and nothing may appear outside
 * the folder extracted into: not in the folder around it, nor through a link left inside it.
 */
class CodePackageFuzzTest {

    private static final long SEED = 0xc0de_2026L;
    private static final int CASES = 2_000;
    private static final int MAX_ENTRIES = 40;
    /** A real limit, low enough that the generated files (up to a few KB each) go over it. */
    private static final long MAX_UNPACKED_BYTES = 6_000;
    private static final String ESCAPED = "lathe-fuzz-escaped";
    private static final String YAML = "- step:\n    name: a\n    image: b\n    command: c\n";

    @TempDir(factory = InMemoryWhereAvailable.class)
    Path base;

    private final Map<String, Integer> outcomes = new java.util.TreeMap<>();

    @Test
    void generatedArchivesAreReadOrRefusedWith4xxAndNothingLandsOutsideTheFolder() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < CASES; i++) {
                Random random = new Random(SEED + i);
                byte[] archive = archive(random);
                check("case " + i, archive).ifPresent(failures::add);
            }
            assertTrue(failures.isEmpty(), failures.size() + " of " + CASES + " cases failed:\n" + summary(failures));
            // The generator must reach every outcome, or the cases test less than they seem to.
            assertTrue(outcomes.keySet().containsAll(List.of("inspect ok", "extract ok", "inspect unsafe-package-entry",
                    "extract unsafe-package-entry", "inspect invalid-package", "extract invalid-package",
                    "inspect missing-config", "inspect too-many-files", "inspect package-too-large-unpacked",
                    "extract package-too-large-unpacked")), outcomes.toString());
            try (Stream<Path> left = Files.list(base.getParent())) {
                assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith(ESCAPED)).toList());
            }
        });
    }

    @Test
    void escapesThroughLinksToTheCurrentFolderAreCaught() throws IOException {
        List<List<Part>> attacks = List.of(
                // z -> "." makes "z/.." the folder above, which a lexical check takes for the package root.
                List.of(Part.symlink("z", "."), Part.symlink("y", "z/../" + ESCAPED), Part.dir("y/d")),
                List.of(Part.symlink("z", "."), Part.symlink("y", "z/.."), Part.file("y/" + ESCAPED, "x")),
                List.of(Part.symlink("z", "."), Part.symlink("y", "z/.."), Part.dir("y/" + ESCAPED)),
                List.of(Part.symlink("z", "."), Part.symlink("y", "z/.."), Part.file("y/" + ESCAPED + "/f", "x")),
                List.of(Part.symlink("z", "."), Part.symlink("y", "z/../canary.txt"), Part.hardlink("h", "y")),
                List.of(Part.symlink("a", "b"), Part.symlink("b", "c"), Part.symlink("c", "z/.."),
                        Part.symlink("z", "."), Part.file("a/" + ESCAPED, "x")),
                List.of(Part.dir("d"), Part.symlink("d/up", ".."), Part.symlink("d/up/z", "."),
                        Part.symlink("w", "d/up/z/.."), Part.dir("w/" + ESCAPED)));
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < attacks.size(); i++) {
            List<Part> parts = new ArrayList<>(attacks.get(i));
            parts.add(0, Part.file("valohai.yaml", YAML));
            check("attack " + i, gzip(tar(parts, true))).ifPresent(failures::add);
        }
        assertTrue(failures.isEmpty(), summary(failures));
    }

    /**
     * A sparse entry of a few bytes that unpacks to a gigabyte (PAX format 1.0, as GNU tar writes it): refused by name
     * when inspected and when extracted, and nothing of it is written.
     */
    @Test
    void sparseEntriesAreRefusedWhateverTheyClaimToHold() throws IOException {
        String sparse = " GNU.sparse.major=1\n GNU.sparse.minor=0\n GNU.sparse.name=zeros.bin\n"
                + " GNU.sparse.realsize=1073741824\n";
        StringBuilder records = new StringBuilder();
        for (String record : sparse.split("(?<=\n)")) {
            int length = record.length() + 2; // two digits for records this short
            records.append(length).append(record);
        }
        byte[] map = Arrays.copyOf("1\n1073741823\n1\n".getBytes(StandardCharsets.US_ASCII), 513);
        map[512] = 'x';
        byte[] archive = gzip(tar(List.of(Part.file("valohai.yaml", YAML),
                new Part("PaxHeaders/zeros.bin", (byte) 'x', "", records.toString().getBytes(StandardCharsets.UTF_8),
                        null, 0644),
                new Part("GNUSparseFile.0/zeros.bin", (byte) '0', "", map, null, 0644)), true));
        Path work = Files.createDirectory(base.resolve("sparse"));

        DomainException inspected = assertThrows(DomainException.class,
                () -> CodePackage.inspect(new ByteArrayInputStream(archive), MAX_ENTRIES, 1 << 20));
        DomainException extracted = assertThrows(DomainException.class,
                () -> CodePackage.extract(new ByteArrayInputStream(archive), work, 1 << 20));

        for (DomainException refused : List.of(inspected, extracted)) {
            assertEquals("unsafe-package-entry", refused.code(), refused.getMessage());
            assertTrue(refused.getMessage().contains("sparse"), refused.getMessage());
        }
        assertEquals(YAML.length(), bytesIn(work), "only what came before the sparse entry");
    }

    /** Bytes in the regular files under {@code folder}, links not followed. */
    private static long bytesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            long total = 0;
            for (Path file : files.filter(f -> Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .toList()) {
                total += Files.size(file);
            }
            return total;
        }
    }

    /** Folders in memory where the machine has /dev/shm: the cases create and delete thousands of small files. */
    static final class InMemoryWhereAvailable implements TempDirFactory {
        @Override
        public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext context) throws IOException {
            Path memory = Path.of("/dev/shm");
            return Files.isDirectory(memory) && Files.isWritable(memory)
                    ? Files.createTempDirectory(memory, "code-package-fuzz-")
                    : Files.createTempDirectory("code-package-fuzz-");
        }
    }

    /** What went wrong when inspecting and extracting {@code archive}, if anything. */
    private Optional<String> check(String name, byte[] archive) throws IOException {
        Path sandbox = Files.createDirectory(base.resolve(name.replace(' ', '-')));
        Path work = Files.createDirectory(sandbox.resolve("work"));
        Files.writeString(sandbox.resolve("canary.txt"), "canary");
        List<String> problems = new ArrayList<>();
        run("inspect", () -> CodePackage.inspect(new ByteArrayInputStream(archive), MAX_ENTRIES, MAX_UNPACKED_BYTES),
                problems);
        run("extract", () -> CodePackage.extract(new ByteArrayInputStream(archive), work, MAX_UNPACKED_BYTES),
                problems);
        long written = bytesIn(work);
        if (written > MAX_UNPACKED_BYTES) {
            problems.add("extract wrote " + written + " bytes, past the limit of " + MAX_UNPACKED_BYTES);
        }
        try (Stream<Path> around = Files.list(sandbox)) {
            Set<String> names = around.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
            if (!names.equals(Set.of("work", "canary.txt"))) {
                problems.add("written beside the folder: " + names);
            }
        }
        if (!Files.readString(sandbox.resolve("canary.txt")).equals("canary")) {
            problems.add("the file beside the folder was changed");
        }
        try (Stream<Path> around = Files.list(base)) {
            List<String> strays = around.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("case-")
                    && !n.startsWith("attack-")).toList();
            if (!strays.isEmpty()) {
                problems.add("written two levels up: " + strays);
            }
        }
        Path realWork = work.toRealPath();
        try (Stream<Path> inside = Files.walk(work)) {
            for (Path link : inside.filter(Files::isSymbolicLink).toList()) {
                Path resolved = resolved(link);
                if (resolved != null && !resolved.startsWith(realWork)) {
                    problems.add("left a link that leads out: " + work.relativize(link) + " -> " + resolved);
                }
            }
        }
        deleteTree(sandbox);
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(name + ": " + String.join("; ", problems) + "\n--- archive (" + archive.length
                + " bytes): " + describe(archive));
    }

    private void run(String what, Executable action, List<String> problems) {
        try {
            action.execute();
            outcomes.merge(what + " ok", 1, Integer::sum);
        } catch (DomainException e) {
            outcomes.merge(what + " " + e.code(), 1, Integer::sum);
            if (e.kind() != DomainException.Kind.INVALID && e.kind() != DomainException.Kind.TOO_LARGE) {
                problems.add(what + " answered " + e.kind() + ": " + e.getMessage());
            }
        } catch (Throwable e) {
            problems.add(what + " threw " + e + "\n    at " + Arrays.stream(e.getStackTrace()).limit(6)
                    .map(String::valueOf).collect(Collectors.joining("\n    at ")));
        }
    }

    private static Path resolved(Path link) {
        try {
            return link.toRealPath();
        } catch (IOException e) {
            return null;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static String summary(List<String> failures) {
        Map<String, List<String>> byKind = new LinkedHashMap<>();
        for (String failure : failures) {
            String problem = failure.substring(failure.indexOf(": ") + 2);
            int end = Math.min(problem.length(), Math.min(80, problem.indexOf('\n') < 0 ? problem.length()
                    : problem.indexOf('\n')));
            byKind.computeIfAbsent(problem.substring(0, end).replaceAll("[0-9]+", "N"), k -> new ArrayList<>())
                    .add(failure);
        }
        StringBuilder text = new StringBuilder();
        byKind.forEach((kind, list) -> text.append("\n=== ").append(list.size()).append(" x ").append(kind)
                .append('\n').append(list.get(0)).append('\n'));
        return text.toString();
    }

    /** The archive's entries as far as they can be listed, for a failure message. */
    private static String describe(byte[] archive) {
        StringBuilder text = new StringBuilder();
        byte[] tar = archive;
        if (archive.length > 2 && archive[0] == 0x1f && archive[1] == (byte) 0x8b) {
            try (var in = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(archive))) {
                tar = in.readNBytes(1 << 20);
            } catch (IOException e) {
                text.append("(gzip: ").append(e.getMessage()).append(") ");
            }
        }
        for (int offset = 0; offset + 512 <= tar.length && text.length() < 1_000; offset += 512) {
            String field = new String(tar, offset, 100, StandardCharsets.ISO_8859_1).replace("\0", "");
            if (!field.isBlank() && tar[offset + 257] == 'u') {
                String link = new String(tar, offset + 157, 100, StandardCharsets.ISO_8859_1).replace("\0", "");
                text.append("\n  [").append((char) tar[offset + 156]).append("] ").append(field)
                        .append(link.isEmpty() ? "" : " -> " + link);
            }
        }
        return text.toString();
    }

    // ---- generating archives ----

    /** One tar entry as written, fields free to be wrong. */
    record Part(String name, byte type, String link, byte[] content, String sizeField, int mode) {
        static Part file(String name, String content) {
            return new Part(name, (byte) '0', "", content.getBytes(StandardCharsets.UTF_8), null, 0644);
        }

        static Part dir(String name) {
            return new Part(name, (byte) '5', "", new byte[0], null, 0755);
        }

        static Part symlink(String name, String target) {
            return new Part(name, (byte) '2', target, new byte[0], null, 0777);
        }

        static Part hardlink(String name, String target) {
            return new Part(name, (byte) '1', target, new byte[0], null, 0644);
        }

        Part withSizeField(String field) {
            return new Part(name, type, link, content, field, mode);
        }
    }

    private static final String[] NAMES = {"valohai.yaml", "./valohai.yaml", "src/main.py", "a/b/c.txt", "a", "b",
        "z", "y", "l1", "l2", "a/", "a/b/", ".", "./", "..", "../" + ESCAPED, "a/../../" + ESCAPED,
        "./../" + ESCAPED, "../../" + ESCAPED, "../../../" + ESCAPED, "/" + ESCAPED, "//" + ESCAPED, "a//b",
        "a/./b", "a\\..\\x", "C:\\x", "x\0y", "\u202etxt.exe", "ä/ö.txt", "...", "a/..b", ".. ", " ..", "%2e%2e/x",
        "x/\n/y", "a/" + "../".repeat(20) + ESCAPED, "z/../" + ESCAPED, "y/" + ESCAPED, "l1/" + ESCAPED,
        "y/d/f", "z/../canary.txt", "valohai.yaml/x"};

    private static final String[] TARGETS = {".", "..", "../", "../" + ESCAPED, "../../" + ESCAPED, "a/../..",
        "/", "/etc/passwd", "/tmp/" + ESCAPED, "z/..", "z/../" + ESCAPED, "z/../canary.txt", "a", "a/b", "self",
        "", "valohai.yaml", "l1", "l2", "./.", "x/".repeat(30) + "../".repeat(31) + ESCAPED, "y", "y/..", "b/.."};

    private static final byte[] TYPES = {'0', '0', '0', '\0', '5', '5', '2', '2', '2', '1', '1', '3', '4', '6', '7',
        'x', 'g', 'L', 'K', 'S', 'V', 'M', 'D', 'Z', (byte) 0xff};

    private static byte[] archive(Random random) throws IOException {
        int kind = random.nextInt(25);
        if (kind == 0) {
            byte[] bytes = new byte[random.nextInt(3_000)];
            random.nextBytes(bytes);
            if (random.nextBoolean() && bytes.length > 2) {
                bytes[0] = 0x1f;
                bytes[1] = (byte) 0x8b;
            }
            return bytes;
        }
        List<Part> parts = new ArrayList<>();
        if (random.nextInt(4) != 0) {
            parts.add(Part.file(random.nextBoolean() ? "valohai.yaml" : "./valohai.yaml", YAML));
        }
        int count = kind == 1 ? MAX_ENTRIES - 5 + random.nextInt(10) : 1 + random.nextInt(8);
        for (int i = 0; i < count; i++) {
            parts.add(kind == 1 ? Part.file("f" + i, "") : part(random));
        }
        byte[] tar = tar(parts, random.nextInt(5) != 0);
        if (random.nextInt(6) == 0) {
            flip(random, tar);
        }
        byte[] packed = random.nextInt(8) == 0 ? tar : gzip(tar);
        if (random.nextInt(6) == 0) {
            packed = Arrays.copyOf(packed, random.nextInt(packed.length + 1));
        }
        if (random.nextInt(10) == 0) {
            flip(random, packed);
        }
        return packed;
    }

    private static Part part(Random random) {
        String name = random.nextInt(12) == 0 ? longName(random) : NAMES[random.nextInt(NAMES.length)];
        String target = TARGETS[random.nextInt(TARGETS.length)];
        Part part = switch (random.nextInt(12)) {
            case 0, 1, 2 -> Part.file(name, "x".repeat(random.nextInt(2_000)));
            case 3, 4 -> Part.dir(name);
            case 5, 6, 7 -> Part.symlink(name, target);
            case 8, 9 -> Part.hardlink(name, target);
            case 10 -> pax(random, name);
            default -> new Part(name, TYPES[random.nextInt(TYPES.length)], target,
                    "y".repeat(random.nextInt(1_500)).getBytes(StandardCharsets.UTF_8), null, random.nextInt(07777));
        };
        if (random.nextInt(8) == 0) {
            String[] sizes = {"77777777777", "-1", "-0000000001", "zzzzzzzzzzz", "99999999999", "", "00000001000",
                "\u0080\0\0\0\0\0\0\0\0\0\0\1", "\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff"
                    + "\u00ff", "\u0080\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff"};
            part = part.withSizeField(sizes[random.nextInt(sizes.length)]);
        }
        return part;
    }

    /** Names past the 100 bytes of a tar header: a few folders deep, one overlong segment, or a long climb. */
    private static String longName(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> "d/".repeat(50 + random.nextInt(10)) + "f";
            case 1 -> "n".repeat(101 + random.nextInt(70_000));
            case 2 -> "../".repeat(40 + random.nextInt(4_000)) + ESCAPED;
            default -> "d/".repeat(random.nextInt(20)) + "n".repeat(256);
        };
    }

    /** A PAX header followed by the entry it describes; records may lie about their length or values. */
    private static Part pax(Random random, String name) {
        String[][] records = {{"path", "../../" + ESCAPED}, {"path", name}, {"linkpath", ".."}, {"size", "-1"},
            {"size", "99999999999999999999"}, {"size", "abc"}, {"GNU.sparse.map", "1,2,3"},
            {"GNU.sparse.size", "-5"}, {"GNU.sparse.realsize", "999999999999"}, {"GNU.sparse.numblocks", "99999999"},
            {"GNU.sparse.offset", "x"}, {"GNU.sparse.numbytes", "-3"}, {"GNU.sparse.major", "1"},
            {"GNU.sparse.minor", "0"}, {"GNU.sparse.name", "../" + ESCAPED}, {"SCHILY.xattr.user.x", "y"},
            {"mtime", "abc"}, {"uid", "-1"}, {"gid", "x"}, {"atime", "1e99"}, {"uname", ".."}, {"path", ""},
            {"", "novalue"}, {"path", "x".repeat(50_000)}};
        StringBuilder body = new StringBuilder();
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            String[] record = records[random.nextInt(records.length)];
            String text = " " + record[0] + "=" + record[1] + "\n";
            int length = text.getBytes(StandardCharsets.UTF_8).length;
            int digits = String.valueOf(length).length();
            int total = length + digits + (String.valueOf(length + digits).length() > digits ? 1 : 0);
            String declared = switch (random.nextInt(6)) {
                case 0 -> String.valueOf(total + random.nextInt(20) - 10);
                case 1 -> "99999999999";
                case 2 -> "-5";
                default -> String.valueOf(total);
            };
            body.append(declared).append(text);
        }
        return new Part("PaxHeaders/x", (byte) 'x', "", body.toString().getBytes(StandardCharsets.UTF_8), null, 0644);
    }

    private static void flip(Random random, byte[] bytes) {
        for (int i = 0, flips = 1 + random.nextInt(8); i < flips && bytes.length > 0; i++) {
            bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
        }
    }

    /** A tar written header by header, so that any field can be wrong; long names get a GNU long-name entry. */
    static byte[] tar(List<Part> parts, boolean endMarker) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part part : parts) {
            byte[] name = part.name().getBytes(StandardCharsets.UTF_8);
            if (name.length > 100) {
                byte[] longName = Arrays.copyOf(name, name.length + 1);
                write(out, header("././@LongLink", (byte) 'L', "", longName.length, null, 0644), longName);
            }
            write(out, header(part.name(), part.type(), part.link(), part.content().length, part.sizeField(),
                    part.mode()), part.content());
        }
        if (endMarker) {
            out.writeBytes(new byte[1024]);
        }
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, byte[] header, byte[] content) {
        out.writeBytes(header);
        out.writeBytes(content);
        out.writeBytes(new byte[(512 - content.length % 512) % 512]);
    }

    private static byte[] header(String name, byte type, String link, long size, String sizeField, int mode) {
        byte[] header = new byte[512];
        put(header, 0, 100, name.getBytes(StandardCharsets.UTF_8));
        put(header, 100, 8, octal(mode, 7));
        put(header, 108, 8, octal(0, 7));
        put(header, 116, 8, octal(0, 7));
        put(header, 124, 12, sizeField != null ? sizeField.getBytes(StandardCharsets.ISO_8859_1) : octal(size, 11));
        put(header, 136, 12, octal(1_700_000_000L, 11));
        header[156] = type;
        put(header, 157, 100, link.getBytes(StandardCharsets.UTF_8));
        put(header, 257, 8, "ustar\00000".getBytes(StandardCharsets.ISO_8859_1));
        put(header, 265, 32, "lathe".getBytes(StandardCharsets.ISO_8859_1));
        put(header, 297, 32, "lathe".getBytes(StandardCharsets.ISO_8859_1));
        Arrays.fill(header, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, 8, (String.format("%06o", sum) + "\0 ").getBytes(StandardCharsets.ISO_8859_1));
        return header;
    }

    private static byte[] octal(long value, int digits) {
        return (String.format("%0" + digits + "o", value) + "\0").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void put(byte[] header, int offset, int length, byte[] value) {
        System.arraycopy(value, 0, header, offset, Math.min(length, value.length));
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
