package org.zoo4j.core.file;

/**
 * Text taken from a user's file (a name, a type) as an error message may quote it: control and non-printable
 * characters escaped as {@code \\uXXXX}, cut after {@value #MAX_CHARS} characters, in single quotes, so that a crafted
 * file can neither break a one-line message nor fill a terminal.
 */
public final class UntrustedText {

    static final int MAX_CHARS = 80;

    private UntrustedText() {
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
