package io.github.bttracker.examples.cli;

import io.github.bttracker.core.Secrets;

/**
 * Text made safe to print on a terminal. Much of what the tool prints comes from elsewhere: a tracker's failure
 * reason, warning or tracker id, an exception's message, a URL from a torrent file. A tracker could send terminal
 * escape sequences in it (clear the screen, write the clipboard with OSC 52, rewrite the line with a carriage
 * return), and a private tracker's URL carries a passkey. Every printer of the tool goes through {@link #text}:
 * tables, progress, messages and errors.
 */
final class Printable {

    private Printable() {
    }

    /**
     * @return the text with every URL's secrets masked ({@link Secrets#maskUrls}) and every control character escaped
     *     ({@link #escapeControls}); null stays null
     */
    static String text(String text) {
        return escapeControls(Secrets.maskUrls(text));
    }

    /** @return the URL with its secrets masked ({@link Secrets#maskUrl}) and its control characters escaped */
    static String url(String url) {
        return escapeControls(Secrets.maskUrl(url));
    }

    /**
     * Escapes what a terminal would act on instead of showing: C0 controls (ESC, BEL, CR, LF, TAB...), DEL, C1
     * controls (U+0080 to U+009F, CSI among them), the line and paragraph separators, and the Unicode bidirectional
     * controls that reorder what is shown (the "Trojan Source" characters). {@code \n}, {@code \r}, {@code \t},
     * {@code \a} and {@code \e} are written so; the others as {@code \xHH} or &#92;uHHHH. A backslash stays as it
     * is, so the escaped form of a text is the same text escaped again.
     *
     * @return the text, on one line, with nothing a terminal would act on; null stays null
     */
    static String escapeControls(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isControl(c)) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\u0007' -> out.append("\\a");
                case '\u001b' -> out.append("\\e");
                default -> out.append(String.format(c <= 0xff ? "\\x%02x" : "\\u%04x", (int) c));
            }
        }
        return out == null ? text : out.toString();
    }

    private static boolean isControl(char c) {
        return Character.getType(c) == Character.CONTROL // C0, DEL and C1
                || c == '\u2028' || c == '\u2029'          // line and paragraph separators
                || c == '\u061c' || c == '\u200e' || c == '\u200f' // bidi marks
                || (c >= '\u202a' && c <= '\u202e')        // bidi embeddings and overrides
                || (c >= '\u2066' && c <= '\u2069');       // bidi isolates
    }
}
