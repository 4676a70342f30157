import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Stages the Docker build context of a TabRelay image (one directory, Dockerfile included): the server's, and the
 * extension simulator's (extension-simulator/src/main/docker, which runs this same program with its own jar):
 * <pre>
 *   Dockerfile
 *   rootfs/opt/java/...               jlink runtime of the JDK running this program (21+)
 *   rootfs/lib/x86_64-linux-gnu/...   the host's glibc, which that runtime links against
 *   rootfs/lib64/ld-linux-x86-64.so.2
 *   rootfs/etc/passwd, rootfs/etc/group   root and the unprivileged user tabrelay (10001)
 *   app/JAR_NAME                      the --jar, under its own file name (tabrelay-server.jar, tabrelay-simulator.jar)
 *   empty/                            copied with --chown to /data and /tmp (writable by the user)
 * </pre>
 * Run as a single-file program so Maven (exec:exec with the JDK toolchain) and {@code ./tabrelay image} share it:
 * {@code java StageContext.java --jar JAR --dockerfile FILE --out DIR [--modules a,b]}.
 * The runtime is re-linked only when the JDK or the module list changed; everything else is copied each time.
 */
public final class StageContext {

    /** jdeps --print-module-deps on the shaded jar says java.base,java.logging,java.management; the rest is margin (TLS EC, Unsafe users, zip filesystems). */
    static final String DEFAULT_MODULES = "java.base,java.logging,java.management,jdk.crypto.ec,jdk.unsupported,jdk.zipfs";
    static final Path GLIBC_DIR = Path.of("/lib/x86_64-linux-gnu");
    static final Path LOADER = Path.of("/lib64/ld-linux-x86-64.so.2");
    /** What libjvm, libjava, libnet and the launcher need (ldd), plus libgcc_s which glibc dlopens for thread cancellation. */
    static final List<String> GLIBC_LIBS = List.of("libc.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "libm.so.6", "libgcc_s.so.1");
    static final int UID = 10001;

    public static void main(String[] args) throws IOException {
        Map<String, String> options = parse(args);
        if (!Files.isRegularFile(LOADER) || !Files.isDirectory(GLIBC_DIR)) {
            // Not an x86_64 glibc host (e.g. macOS): the image cannot be staged here; say so and leave the build green.
            System.err.println("StageContext: no " + LOADER + " on this host; skipping the Docker context");
            return;
        }
        if (Runtime.version().feature() < 21) {
            fail("needs a JDK 21 or newer to jlink the runtime, running on " + Runtime.version());
        }
        Path jar = existing(Path.of(require(options, "jar")));
        Path dockerfile = existing(Path.of(require(options, "dockerfile")));
        Path out = Path.of(require(options, "out")).toAbsolutePath();
        String modules = options.getOrDefault("modules", DEFAULT_MODULES);

        Path rootfs = out.resolve("rootfs");
        Files.createDirectories(out);
        // The stamp lives beside the context, not in it, so it never reaches the image.
        linkRuntime(rootfs.resolve("opt/java"), out.resolveSibling(out.getFileName() + ".runtime-stamp"), modules);
        copyGlibc(rootfs);
        writeUsers(rootfs.resolve("etc"));
        Files.createDirectories(out.resolve("empty"));
        copy(jar, out.resolve("app").resolve(jar.getFileName()));
        copy(dockerfile, out.resolve("Dockerfile"));
        System.err.println("StageContext: staged " + out);
    }

    static void linkRuntime(Path target, Path stampFile, String modules) throws IOException {
        String stamp = System.getProperty("java.home") + "|" + Runtime.version() + "|" + modules;
        if (Files.isRegularFile(target.resolve("release")) && Files.isRegularFile(stampFile)
                && Files.readString(stampFile).equals(stamp)) {
            return;
        }
        deleteTree(target);
        Files.createDirectories(target.getParent());
        ToolProvider jlink = ToolProvider.findFirst("jlink").orElseThrow(() -> new IllegalStateException(
                "no jlink in " + System.getProperty("java.home") + " (a JRE?); run with a full JDK 21+"));
        StringWriter log = new StringWriter();
        PrintWriter writer = new PrintWriter(log);
        int code = jlink.run(writer, writer, "--add-modules", modules, "--strip-debug", "--no-man-pages",
                "--no-header-files", "--compress=zip-6", "--output", target.toString());
        writer.flush();
        if (code != 0) {
            fail("jlink failed (" + code + "): " + log);
        }
        Files.writeString(stampFile, stamp);
    }

    static void copyGlibc(Path rootfs) throws IOException {
        for (String lib : GLIBC_LIBS) {
            copy(GLIBC_DIR.resolve(lib), rootfs.resolve("lib/x86_64-linux-gnu").resolve(lib)); // follows symlinks
        }
        copy(LOADER, rootfs.resolve("lib64").resolve(LOADER.getFileName()));
    }

    static void writeUsers(Path etc) throws IOException {
        Files.createDirectories(etc);
        Files.writeString(etc.resolve("passwd"),
                "root:x:0:0:root:/root:/sbin/nologin\ntabrelay:x:" + UID + ":" + UID + ":tabrelay:/data:/sbin/nologin\n");
        Files.writeString(etc.resolve("group"), "root:x:0:\ntabrelay:x:" + UID + ":\n");
    }

    static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(existing(from), to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        // Docker keeps modes from the context; libraries and the loader must stay readable/executable by uid 10001.
        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString(
                Files.isExecutable(from) ? "rwxr-xr-x" : "rw-r--r--"));
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> list = new ArrayList<>(List.of(args));
        for (int i = 0; i < list.size(); i++) {
            String arg = list.get(i);
            if (!arg.startsWith("--") || i + 1 >= list.size()) {
                fail("usage: java StageContext.java --jar JAR --dockerfile FILE --out DIR [--modules a,b,c]");
            }
            options.put(arg.substring(2), list.get(++i));
        }
        return options;
    }

    static String require(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            fail("missing --" + name);
        }
        return value;
    }

    static Path existing(Path path) {
        if (!Files.exists(path)) {
            fail("not found: " + path.toAbsolutePath());
        }
        return path;
    }

    static void fail(String message) {
        System.err.println("StageContext: " + message);
        System.exit(1);
    }
}
