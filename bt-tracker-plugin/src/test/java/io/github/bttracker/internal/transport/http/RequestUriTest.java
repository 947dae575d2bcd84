package io.github.bttracker.internal.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RequestUriTest {

    private static RequestUri withParameters(String url, String parameters) {
        return RequestUri.of(URI.create(url)).withParameters(parameters);
    }

    @Test
    void appendsParametersAsTheQueryOfAUrlWithoutOne() {
        RequestUri request = withParameters("http://t.example:6969/announce", "a=1&b=%00");
        assertThat(request.target()).isEqualTo("/announce?a=1&b=%00");
        assertThat(request.origin()).isEqualTo(new Origin(false, "t.example", 6969));
        assertThat(request.uri()).isEqualTo(URI.create("http://t.example:6969/announce?a=1&b=%00"));
    }

    @Test
    void appendsParametersAfterAnExistingQueryWithOneAmpersand() {
        assertThat(withParameters("https://t/a.php?passkey=s%2F", "x=1").target()).isEqualTo("/a.php?passkey=s%2F&x=1");
        assertThat(withParameters("https://t/a.php?passkey=s&", "x=1").target()).isEqualTo("/a.php?passkey=s&x=1");
        assertThat(withParameters("https://t/a.php?", "x=1").target()).isEqualTo("/a.php?x=1");
    }

    @Test
    void requestsTheRootForAnEmptyPathAndDropsAFragment() {
        RequestUri request = withParameters("http://t:81#frag", "x=1");
        assertThat(request.target()).isEqualTo("/?x=1");
        assertThat(request.uri()).isEqualTo(URI.create("http://t:81/?x=1"));
        assertThat(request.uri().getRawFragment()).isNull();
    }

    @Test
    void keepsUserInfoAndIpv6LiteralsInTheUriButNotInTheTarget() {
        RequestUri request = withParameters("http://u:p@[::1]:8080/announce", "x=1");
        assertThat(request.target()).isEqualTo("/announce?x=1");
        assertThat(request.origin()).isEqualTo(new Origin(false, "::1", 8080));
        assertThat(request.uri()).isEqualTo(URI.create("http://u:p@[::1]:8080/announce?x=1"));
        assertThat(request.located().getRawPath()).isEqualTo("/announce");
    }

    @Test
    void aRedirectTargetIsRequestedAsItIs() {
        URI to = URI.create("https://other.example/next/announce?k=v#f");
        RequestUri request = RequestUri.of(to);
        assertThat(request.target()).isEqualTo("/next/announce?k=v");
        assertThat(request.origin()).isEqualTo(new Origin(true, "other.example", 443));
        assertThat(request.uri()).isSameAs(to);
        assertThat(RequestUri.of(URI.create("http://h")).target()).isEqualTo("/");
    }

    @Test
    void refusesWhatIsNoHttpUrlWithAHost() {
        assertThatThrownBy(() -> RequestUri.of(URI.create("ftp://h/announce")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an http or https URL");
        assertThatThrownBy(() -> RequestUri.of(URI.create("http:///announce")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no host");
    }
}
