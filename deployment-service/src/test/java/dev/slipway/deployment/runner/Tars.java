package dev.slipway.deployment.runner;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Builds tar streams as the git host serves a commit's tree, and ones it never would. */
final class Tars {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);

    Tars() {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    }

    static Tars tree() {
        return new Tars();
    }

    Tars dir(String name) {
        TarArchiveEntry entry = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
        entry.setMode(040755);
        return put(entry, null);
    }

    Tars file(String name, String content) {
        return file(name, content, 0100644);
    }

    Tars executable(String name, String content) {
        return file(name, content, 0100755);
    }

    Tars file(String name, String content, int mode) {
        // preserveAbsolutePath: keeps '/etc/x' and '../x' as written, as a hostile archive would.
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setMode(mode);
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        entry.setSize(data.length);
        return put(entry, data);
    }

    Tars link(String name, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
        entry.setLinkName(target);
        entry.setMode(0120777);
        return put(entry, null);
    }

    Tars hardLink(String name, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
        entry.setLinkName(target);
        return put(entry, null);
    }

    InputStream stream() {
        try {
            tar.finish();
            return new ByteArrayInputStream(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tiny app with the hooks' evidence of where and how they ran. */
    static InputStream app(String version) {
        return tree().dir("bin").executable("bin/app", "#!/bin/sh\necho app " + version + "\n")
                .file("version.txt", version + "\n").stream();
    }

    private Tars put(TarArchiveEntry entry, byte[] data) {
        try {
            tar.putArchiveEntry(entry);
            if (data != null) {
                tar.write(data);
            }
            tar.closeArchiveEntry();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
