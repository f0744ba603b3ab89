package io.lathe.plugin.api.compute;

/** Which output stream of a job a log line came from. */
public enum LogStream {
    /** Standard output; lines that are JSON objects are also metadata. */
    STDOUT,
    /** Standard error. */
    STDERR
}
