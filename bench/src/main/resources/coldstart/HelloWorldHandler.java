package hello;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/**
 * The cold-start reference: the smallest Java handler, as in
 * https://docs.aws.amazon.com/lambda/latest/dg/java-handler.html. Compiled and jarred at bench time
 * (bench/target/cold-start/hello.jar), never part of a function.
 */
public class HelloWorldHandler implements RequestHandler<Map<String, Object>, String> {
    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return "hello";
    }
}
