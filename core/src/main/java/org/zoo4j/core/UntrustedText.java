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
        String line = escaped(message, MAX_LINE, false);
        return message.codePoints().count() > MAX_LINE ? line + " ..." : line;
    }

    public static String quote(String text) {
        if (text == null) {
            return "(none)";
        }
        long length = text.codePoints().count();
        return "'" + escaped(text, MAX_CHARS, true) + "'"
                + (length > MAX_CHARS ? " (" + (length - MAX_CHARS) + " more characters)" : "");
    }

    /** The first {@code limit} code points, escaped as the class comment says (quotes too, when quoted). */
    private static String escaped(String text, int limit, boolean quoted) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(limit).forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    || quoted && (!Character.isDefined(c) || c == '\'' || c == '\\')) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
