package io.lathe.server.executions;

import io.lathe.plugin.api.compute.LogStream;

/** The one-letter codes of streams in a log's side file, and the names the API uses. */
final class LogStreams {

    private LogStreams() {
    }

    static char code(LogStream stream) {
        return stream == LogStream.STDERR ? 'E' : 'O';
    }

    static LogStream fromCode(char code) {
        return code == 'E' ? LogStream.STDERR : LogStream.STDOUT;
    }

    static String apiName(LogStream stream) {
        return stream == LogStream.STDERR ? "stderr" : "stdout";
    }
}
