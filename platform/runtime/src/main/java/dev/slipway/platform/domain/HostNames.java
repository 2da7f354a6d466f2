package dev.slipway.platform.domain;

import java.util.regex.Pattern;

/** Host names as live domains need them (ENV-7, GO_LIVE): lowercase labels, at least two, a top-level label of letters. */
public final class HostNames {

    private static final Pattern DOMAIN = Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

    private HostNames() {
    }

    public static boolean isHostName(String text) {
        return text != null && DOMAIN.matcher(text).matches();
    }
}
