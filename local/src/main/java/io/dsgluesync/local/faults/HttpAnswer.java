package io.dsgluesync.local.faults;

import java.util.List;
import java.util.Map;

/** An HTTP response: moto's, to be relayed, or one the proxy makes up. Header names keep their case. */
record HttpAnswer(int status, List<Map.Entry<String, String>> headers, byte[] body) {

    HttpAnswer {
        headers = List.copyOf(headers);
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
