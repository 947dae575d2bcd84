package io.github.bttracker.it.opentracker;

import java.io.IOException;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The tracker-wide counters of {@code /stats?mode=everything}, the one stats page that reports
 * torrents, peers, seeds and request counts together (as XML).
 *
 * <p>The request counters include the readiness probes {@link OpenTracker} sends: one stopped
 * HTTP announce per poll while it waits for a whitelist to load, so compare announce counts as
 * differences, not as absolute numbers.
 *
 * @param torrents     torrents with at least one peer
 * @param peers        all peers of all torrents, seeds included
 * @param seeds        peers that announced {@code left=0}
 * @param completed    announces with {@code event=completed} (the scrape's {@code downloaded}, summed)
 * @param tcpAnnounces HTTP announces answered, failures (e.g. not whitelisted) included
 * @param tcpScrapes   HTTP scrapes answered
 * @param udpConnects  UDP connect requests answered
 * @param udpAnnounces UDP announces answered
 * @param udpScrapes   UDP scrapes answered
 */
public record OpenTrackerStats(
        long torrents,
        long peers,
        long seeds,
        long completed,
        long tcpAnnounces,
        long tcpScrapes,
        long udpConnects,
        long udpAnnounces,
        long udpScrapes) {

    /**
     * @param everythingXml the body of {@code /stats?mode=everything}
     * @return the counters
     * @throws IllegalArgumentException if the text is not that page
     */
    public static OpenTrackerStats parse(String everythingXml) {
        try {
            Document document = newParser().parse(new InputSource(new StringReader(everythingXml)));
            XPath xpath = XPathFactory.newInstance().newXPath();
            return new OpenTrackerStats(
                    number(xpath, document, "/stats/torrents/count_mutex"),
                    number(xpath, document, "/stats/peers/count"),
                    number(xpath, document, "/stats/seeds/count"),
                    number(xpath, document, "/stats/completed/count"),
                    number(xpath, document, "/stats/connections/tcp/announce"),
                    number(xpath, document, "/stats/connections/tcp/scrape"),
                    number(xpath, document, "/stats/connections/udp/connect"),
                    number(xpath, document, "/stats/connections/udp/announce"),
                    number(xpath, document, "/stats/connections/udp/scrape"));
        } catch (SAXException | IOException | XPathExpressionException e) {
            throw new IllegalArgumentException("not opentracker's stats?mode=everything page: " + everythingXml, e);
        }
    }

    private static long number(XPath xpath, Document document, String path) throws XPathExpressionException {
        String text = xpath.evaluate(path, document).strip();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("no number at " + path + " in opentracker's stats, found '" + text + "'", e);
        }
    }

    private static DocumentBuilder newParser() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // the page has no DTD; refusing one keeps a misbehaving server from pulling in external entities
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a standard feature", e);
        }
    }
}
