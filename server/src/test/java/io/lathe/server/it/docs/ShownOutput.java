package io.lathe.server.it.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares the output a document shows for a command with what the command printed, modulo what differs from one
 * run to the next. The rules, applied to both texts before they are compared line by line:
 * <ul>
 *   <li>UUIDs (ids of projects, executions, datums, tokens...) read as {@code <uuid>};</li>
 *   <li>64 hexadecimal digits (SHA-256 checksums, commit ids after their {@code ~}) read as {@code <sha256>};</li>
 *   <li>ISO-8601 instants ({@code 2026-11-27T13:50:54.512Z}) read as {@code <time>};</li>
 *   <li>API token secrets ({@code lathe_} and 43 characters) read as {@code <token>};</li>
 *   <li>trailing blanks of a line, and blank lines at the start and end, are ignored;</li>
 *   <li>the keep-alive comment {@code : waiting} of a log stream (and the blank line that ends it) is left out of
 *       what was printed: it comes only when the server is slow.</li>
 * </ul>
 * In the shown text, {@code …} within a line matches any text on that line, and a line that is only {@code …}
 * matches any number of lines (none included). Everything else must be equal.
 */
public final class ShownOutput {

    private static final String ELLIPSIS = "…";
    private static final List<Normalisation> NORMALISATIONS = List.of(
            new Normalisation(Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), "<uuid>"),
            new Normalisation(Pattern.compile("(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])"), "<sha256>"),
            new Normalisation(Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z"), "<time>"),
            new Normalisation(Pattern.compile("lathe_[A-Za-z0-9_-]{43}"), "<token>"));

    private ShownOutput() {
    }

    /** Empty when {@code printed} matches {@code shown}; otherwise what differs, for a person to read. */
    public static Optional<String> difference(String shown, String printed) {
        List<String> expected = normalised(shown.lines().toList());
        List<String> actual = normalised(withoutKeepAlives(printed.lines().toList()));
        Progress progress = new Progress();
        if (matches(expected, 0, actual, 0, progress)) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder();
        text.append("first difference at line ").append(progress.shownLine + 1).append(" of the shown output:\n")
                .append("  shown:   ").append(lineOrEnd(expected, progress.shownLine)).append('\n')
                .append("  printed: ").append(lineOrEnd(actual, progress.printedLine)).append('\n')
                .append("--- shown (normalised)\n");
        expected.forEach(line -> text.append("  ").append(line).append('\n'));
        text.append("+++ printed (normalised)\n");
        actual.forEach(line -> text.append("  ").append(line).append('\n'));
        return Optional.of(text.toString());
    }

    private static String lineOrEnd(List<String> lines, int index) {
        return index < lines.size() ? lines.get(index) : "(end of output)";
    }

    private static List<String> withoutKeepAlives(List<String> lines) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).equals(": waiting")) {
                if (i + 1 < lines.size() && lines.get(i + 1).isEmpty()) {
                    i++;
                }
                continue;
            }
            kept.add(lines.get(i));
        }
        return kept;
    }

    static List<String> normalised(List<String> lines) {
        List<String> result = new ArrayList<>();
        for (String line : lines) {
            String text = line.stripTrailing();
            for (Normalisation normalisation : NORMALISATIONS) {
                text = normalisation.apply(text);
            }
            result.add(text);
        }
        while (!result.isEmpty() && result.get(0).isEmpty()) {
            result.remove(0);
        }
        while (!result.isEmpty() && result.get(result.size() - 1).isEmpty()) {
            result.remove(result.size() - 1);
        }
        return result;
    }

    private static boolean matches(List<String> shown, int s, List<String> printed, int p, Progress progress) {
        progress.reached(s, p);
        if (s == shown.size()) {
            return p == printed.size();
        }
        if (shown.get(s).strip().equals(ELLIPSIS)) {
            for (int skip = p; skip <= printed.size(); skip++) {
                if (matches(shown, s + 1, printed, skip, progress)) {
                    return true;
                }
            }
            return false;
        }
        return p < printed.size() && lineMatches(shown.get(s), printed.get(p))
                && matches(shown, s + 1, printed, p + 1, progress);
    }

    static boolean lineMatches(String shown, String printed) {
        if (!shown.contains(ELLIPSIS)) {
            return shown.equals(printed);
        }
        StringBuilder regex = new StringBuilder();
        String[] parts = shown.split(ELLIPSIS, -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(printed).matches();
    }

    private record Normalisation(Pattern pattern, String placeholder) {
        String apply(String line) {
            return pattern.matcher(line).replaceAll(Matcher.quoteReplacement(placeholder));
        }
    }

    /** The furthest point the comparison reached, to tell where the texts part. */
    private static final class Progress {
        int shownLine;
        int printedLine;

        void reached(int shown, int printed) {
            if (shown > shownLine || (shown == shownLine && printed > printedLine)) {
                shownLine = shown;
                printedLine = printed;
            }
        }
    }
}
