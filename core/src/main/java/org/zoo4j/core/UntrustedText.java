package org.zoo4j.core;

/**
 * Text taken from a user's file (a name, a type) as an error message may quote it: control and non-printable
 * characters escaped as {@code \\uXXXX}, cut after {@value #MAX_CHARS} characters, in single quotes, so that a crafted
 * file can neither break a one-line message nor fill a terminal.
 */
public final class UntrustedText {

    static final int MAX_CHARS = 80;
    /** A message quoting what a library said about a file (a parser's excerpt of it) is cut here. */
    static final int MAX_LINE = 400;

    private UntrustedText() {
    }

    /**
     * A message that may carry a file's text (a parser's error quoting it) as one line: control characters escaped,
     * cut after {@value #MAX_LINE} characters; "(no message)" for none.
     */
    public static String oneLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        StringBuilder out = new StringBuilder();
        message.codePoints().limit(MAX_LINE).forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return message.codePoints().count() > MAX_LINE ? out.append(" ...").toString() : out.toString();
    }

    public static String quote(String text) {
        if (text == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder("'");
        text.codePoints().limit(MAX_CHARS).forEach(c -> {
            if (Character.isISOControl(c) || !Character.isDefined(c) || c == '\'' || c == '\\'
                    || Character.getType(c) == Character.FORMAT) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        out.append('\'');
        long length = text.codePoints().count();
        if (length > MAX_CHARS) {
            out.append(" (").append(length - MAX_CHARS).append(" more characters)");
        }
        return out.toString();
    }
}
