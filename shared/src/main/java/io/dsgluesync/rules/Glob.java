package io.dsgluesync.rules;

import java.util.regex.Pattern;

/** A shell-style pattern ({@code *} any run of characters, {@code ?} one character), matched case-insensitively. */
public record Glob(String text, Pattern pattern) {

    public static Glob of(String text) {
        StringBuilder regex = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new Glob(text, Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }

    public boolean matches(String value) {
        return value != null && pattern.matcher(value).matches();
    }
}
