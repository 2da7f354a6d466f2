package dev.slipway.cli;

import java.util.ArrayList;
import java.util.List;

/** {@code --format}: how lists and info views are printed (case-insensitive on the command line). */
public enum Format {
    /** Bordered columns sized to the terminal; the default on a terminal. */
    TABLE,
    /** The API's own JSON view: an object for one resource, an array of the API's items for a list (every page). */
    JSON,
    /** RFC 4180 comma-separated values, a header line first. */
    CSV,
    /** Tab-separated values, a header line first; a tab, newline or backslash in a cell written as \t, \n, \\. */
    TSV,
    /** Tab-separated lines, newlines in a cell turned into spaces; the default when stdout is not a terminal. */
    PLAIN;

    /** The values as users type them, for shell completion. */
    public static final class Names extends ArrayList<String> {
        public Names() {
            super(List.of("table", "json", "csv", "tsv", "plain"));
        }
    }
}
