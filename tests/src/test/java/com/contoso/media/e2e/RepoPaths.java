package com.contoso.media.e2e;

import java.nio.file.Path;

/** The repository's folders, seen from the tests module (Maven runs the suites there). */
final class RepoPaths {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path WEB = ROOT.resolve("web");

    private RepoPaths() {
    }
}
