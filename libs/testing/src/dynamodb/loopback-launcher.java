// Starts DynamoDB Local bound to 127.0.0.1, answering only requests whose Host is a loopback name.
//
// The jar has no host option: its Jetty server listens on every interface, so anyone on the network
// could read and write the tables, and a DNS-rebinding page could reach it through the browser. This
// launcher builds the server the way the jar's main class does
// (ServerRunner.createServerFromCommandLineArgs, same arguments), then, before it starts, sets host
// 127.0.0.1 on each of its Jetty connectors (DynamoDBProxyServer's private `server` field) and puts a
// Host check in front of its handler. Telemetry is never configured, so none is sent.
//
// libs/testing (dynamodb-local.ts) compiles it once into .local/dynamodb-local-launcher/ with the javac of
// the Java that runs it, then starts `java -cp "<that folder>:DynamoDBLocal.jar:DynamoDBLocal_lib/*"
// LoopbackLauncher -inMemory -port 8000 …`. By hand, Java's source-file mode runs it as it is:
//   java -cp "DynamoDBLocal.jar:DynamoDBLocal_lib/*" loopback-launcher.java -inMemory -port 8000
// Checked against DynamoDB Local 2026-05-28 (Jetty 12.1); libs/testing's tests fail if a later jar
// renames what this relies on.

import java.lang.reflect.Field;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.AbstractNetworkConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

class LoopbackLauncher {
  static final String HOST = "127.0.0.1";

  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    if (proxy == null) {
      System.err.println("DynamoDB Local did not accept the arguments");
      System.exit(1);
    }
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    for (Connector connector : server.getConnectors()) {
      if (!(connector instanceof AbstractNetworkConnector network)) {
        throw new IllegalStateException("not a network connector: " + connector);
      }
      network.setHost(HOST);
    }
    server.setHandler(new LoopbackHostOnly(server.getHandler()));
    proxy.start();
  }
}

/** 421 for a request whose Host is not localhost, 127.0.0.1 or [::1] (any port): a DNS-rebinding page's. */
class LoopbackHostOnly extends Handler.Wrapper {
  static final Pattern LOOPBACK = Pattern.compile("^(localhost|127\\.0\\.0\\.1|\\[::1\\])(:\\d{1,5})?$");

  LoopbackHostOnly(Handler handler) {
    super(handler);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String host = request.getHeaders().get("Host");
    if (host != null && LOOPBACK.matcher(host.toLowerCase(Locale.ROOT)).matches()) {
      return super.handle(request, response, callback);
    }
    Response.writeError(request, response, callback, 421, "DynamoDB Local answers loopback Host names only");
    return true;
  }
}
