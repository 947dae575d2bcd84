package io.github.bttracker.core;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what private trackers put in announce URLs: passkeys in the path or the query, credentials, the announce
 * {@code key}. Every log line, warning and exception message of this library that names a tracker goes through it;
 * callers logging URLs themselves can use it too. Never throws: text it does not understand comes back unchanged.
 * Stateless and thread-safe.
 *
 * <ul>
 *   <li>user information ({@code user:password@}) becomes {@code ***@};</li>
 *   <li>query parameters whose name says they are secret ({@code passkey}, {@code authkey}, {@code key},
 *       {@code token}...) keep their name and lose their value: {@code passkey=***};</li>
 *   <li>path segments that look like keys (16 or more letters, digits, {@code -} or {@code _}, with at least one
 *       letter and one digit, as {@code /0123456789abcdef0123456789abcdef/announce}) become {@code ***}.</li>
 * </ul>
 */
public final class Secrets {

    /** What replaces a secret. */
    public static final String MASK = "***";

    private static final Set<String> SECRET_PARAMETERS = Set.of("passkey", "pk", "authkey", "auth", "key", "token",
            "secret", "apikey", "api_key", "access_token", "torrent_pass", "uid", "sig", "signature", "password",
            "pass", "hash_key", "login", "username", "user");
    private static final Pattern URL = Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]*://[^\\s\"'<>]+");
    /** A query parameter anywhere in a text: its name after {@code ?}, {@code &} or {@code ;}; its value. */
    private static final Pattern SECRET_PARAMETER = Pattern.compile("(?<=[?&;])([A-Za-z_]+)=([^&#;\\s]*)");
    private static final Pattern KEY_LIKE = Pattern.compile("(?=[A-Za-z0-9_-]*[0-9])(?=[A-Za-z0-9_-]*[A-Za-z])"
            + "[A-Za-z0-9_-]{16,}");

    private Secrets() {
    }

    /**
     * @param url an absolute URL ({@code scheme://...}); anything else comes back unchanged
     * @return the URL with its secrets masked; null stays null
     */
    public static String maskUrl(String url) {
        if (url == null) {
            return null;
        }
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            return url;
        }
        int authorityStart = schemeEnd + 3;
        int pathStart = indexOfAny(url, authorityStart, "/?#");
        String authority = url.substring(authorityStart, pathStart);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            authority = MASK + authority.substring(at);
        }
        StringBuilder out = new StringBuilder(url.length()).append(url, 0, authorityStart).append(authority);
        int queryStart = indexOfAny(url, pathStart, "?#");
        String path = url.substring(pathStart, queryStart);
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                out.append('/');
            }
            out.append(KEY_LIKE.matcher(segments[i]).matches() ? MASK : segments[i]);
        }
        if (queryStart < url.length() && url.charAt(queryStart) == '?') {
            int fragmentStart = url.indexOf('#', queryStart);
            int queryEnd = fragmentStart < 0 ? url.length() : fragmentStart;
            out.append('?').append(maskQuery(url.substring(queryStart + 1, queryEnd)));
            out.append(url, queryEnd, url.length());
        } else {
            out.append(url, queryStart, url.length());
        }
        return out.toString();
    }

    /**
     * @param text any text, such as a log line or an exception message
     * @return the text with every URL in it masked
 as {@link #maskUrl} does, and any secret query parameter left
     *     (a URL is taken to end at whitespace, a quote, {@code <} or {@code >}, so what follows such a character
     *     inside a URL is masked by its parameter names); null stays null
     */
    public static String maskUrls(String text) {
        if (text == null) {
            return null;
        }
        return maskSecretParameters(maskWholeUrls(text));
    }

    private static String maskSecretParameters(String text) {
        if (text.indexOf('=') < 0) {
            return text;
        }
        Matcher m = SECRET_PARAMETER.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String value = m.group(2);
            if (SECRET_PARAMETERS.contains(m.group(1).toLowerCase(Locale.ROOT)) && !value.startsWith(MASK)) {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + "=" + MASK
                        + value.substring(withoutTrailingPunctuation(value))));
            }
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String maskWholeUrls(String text) {
        if (!text.contains("://")) {
            return text;
        }
        Matcher m = URL.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String url = m.group();
            int end = withoutTrailingPunctuation(url);
            m.appendReplacement(out, Matcher.quoteReplacement(maskUrl(url.substring(0, end)) + url.substring(end)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** @return where the text ends without the punctuation that ends a sentence, which is not part of a URL */
    private static int withoutTrailingPunctuation(String text) {
        int end = text.length();
        while (end > 0 && ".,;:)]}".indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        return end;
    }

    private static String maskQuery(String query) {
        StringBuilder out = new StringBuilder(query.length());
        for (String parameter : query.split("&", -1)) {
            if (out.length() > 0 || query.startsWith("&")) {
                out.append('&');
            }
            int eq = parameter.indexOf('=');
            String name = eq < 0 ? parameter : parameter.substring(0, eq);
            if (eq >= 0 && SECRET_PARAMETERS.contains(name.toLowerCase(Locale.ROOT))) {
                out.append(name).append('=').append(MASK);
            } else {
                out.append(parameter);
            }
        }
        return out.toString();
    }

    private static int indexOfAny(String s, int from, String chars) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }
}
