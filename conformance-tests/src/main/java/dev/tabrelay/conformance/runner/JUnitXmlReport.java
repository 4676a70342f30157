package dev.tabrelay.conformance.runner;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * JUnit XML in the Ant/Surefire format that CI tools read: one {@code TEST-<suite>.xml} per suite with a
 * {@code <testsuite>} of {@code <testcase>}s, each failure with its message, type and stack trace.
 */
final class JUnitXmlReport {

    private JUnitXmlReport() {
    }

    static List<Path> write(Path dir, List<SuiteTotals> suites, Instant started) {
        try {
            Files.createDirectories(dir);
            return suites.stream().map(suite -> writeOne(dir.resolve("TEST-" + suite.suite() + ".xml"), suite, started))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path writeOne(Path file, SuiteTotals suite, Instant started) {
        try (OutputStream out = Files.newOutputStream(file)) {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", suite.suite());
            xml.writeAttribute("tests", Integer.toString(suite.results().size()));
            xml.writeAttribute("failures", Long.toString(suite.failed()));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", Long.toString(suite.skipped()));
            xml.writeAttribute("time", seconds(suite.millis()));
            xml.writeAttribute("timestamp", started.truncatedTo(ChronoUnit.SECONDS).toString().replace("Z", ""));
            xml.writeAttribute("hostname", hostname());
            xml.writeCharacters("\n");
            for (TestResult result : suite.results()) {
                xml.writeCharacters("  ");
                xml.writeStartElement("testcase");
                xml.writeAttribute("name", result.name());
                xml.writeAttribute("classname", result.suite());
                xml.writeAttribute("time", seconds(result.millis()));
                switch (result.status()) {
                    case FAIL -> {
                        xml.writeStartElement("failure");
                        xml.writeAttribute("message", nullToEmpty(result.message()));
                        xml.writeAttribute("type", nullToEmpty(result.failureType()));
                        xml.writeCharacters(nullToEmpty(result.stackTrace()));
                        xml.writeEndElement();
                    }
                    case SKIP -> {
                        xml.writeStartElement("skipped");
                        xml.writeAttribute("message", nullToEmpty(result.message()));
                        xml.writeEndElement();
                    }
                    case PASS -> { }
                }
                xml.writeEndElement();
                xml.writeCharacters("\n");
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.3f", ms / 1000.0);
    }

    private static String nullToEmpty(String s) {
        // XML 1.0 cannot carry most control characters, even escaped.
        return s == null ? "" : s.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]", "?");
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
