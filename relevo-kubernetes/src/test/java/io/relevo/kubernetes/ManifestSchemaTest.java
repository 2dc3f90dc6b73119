package io.relevo.kubernetes;

import static io.relevo.kubernetes.Specs.spec;
import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.relevo.core.routing.TrafficSplit;
import io.relevo.core.routing.TrafficSplit.Backend;
import io.relevo.core.runtime.Endpoint;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The generated manifests hold to the schemas the API server applies: the HTTPRoute to the
 * openAPIV3Schema of the Gateway API's standard CRD (vendored under test resources, see its {@code
 * $comment}), the Deployment and Service to fabric8's model of the Kubernetes API, generated from
 * Kubernetes' OpenAPI: read back from JSON they must equal what was written and hold no field the
 * model does not know.
 */
class ManifestSchemaTest {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  @Test
  void theHttpRouteOfACanaryValidatesAgainstTheGatewayApiCrdSchema() throws Exception {
    var k = Specs.config(Specs.YAML).runtime().kubernetes();
    TrafficSplit split =
        new TrafficSplit(
            List.of(
                new Backend(1, new Endpoint("a", 8000), 90),
                new Backend(2, new Endpoint("b", 8000), 10)));
    HTTPRoute route = RouteManifest.of("shop", k, split);

    assertThat(errors(JSON.asJson(route))).isEmpty();
  }

  @Test
  void theSchemaCatchesWhatTheApiServerWouldRefuse() throws Exception {
    var k = Specs.config(Specs.YAML).runtime().kubernetes();
    HTTPRoute route = RouteManifest.of("shop", k, TrafficSplit.all(1, new Endpoint("a", 8000)));
    route.getSpec().getRules().getLast().getBackendRefs().getFirst().setWeight(1_000_001);

    assertThat(errors(JSON.asJson(route))).singleElement().asString().contains("weight");
  }

  @Test
  void theDeploymentAndServiceAreFieldsOfTheKubernetesApiOnly() {
    RevisionManifests manifests =
        RevisionManifests.of(spec(3, "1.4.0"), Specs.config(Specs.YAML).runtime(), 2);

    assertRoundTrip(manifests.deployment(), Deployment.class);
    assertRoundTrip(manifests.service(), Service.class);
  }

  @Test
  void aPodPatchWithAFieldKubernetesDoesNotKnowIsCaught() {
    var config =
        Specs.config(Specs.YAML.replace("nodeSelector: {pool: web}", "nodeSelecter: {pool: web}"));
    RevisionManifests manifests =
        RevisionManifests.of(spec(config, 3, "1.4.0"), config.runtime(), 2);

    assertThat(unknownFields(manifests.deployment(), "deployment"))
        .containsExactly("deployment.spec.template.spec.nodeSelecter");
  }

  private static <T extends KubernetesResource> void assertRoundTrip(T resource, Class<T> type) {
    T back = JSON.unmarshal(JSON.asJson(resource), type);
    assertThat(back).isEqualTo(resource);
    assertThat(unknownFields(back, type.getSimpleName())).isEmpty();
  }

  /** The paths of fields the fabric8 model (and so the Kubernetes API) does not know. */
  static List<String> unknownFields(Object node, String path) {
    List<String> found = new ArrayList<>();
    walk(node, path, found);
    return found;
  }

  private static void walk(Object node, String path, List<String> found) {
    if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        walk(list.get(i), path + "[" + i + "]", found);
      }
      return;
    }
    if (node == null || !node.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api")) {
      return;
    }
    for (Method getter : node.getClass().getMethods()) {
      if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")) {
        continue;
      }
      try {
        Object value = getter.invoke(node);
        if (getter.getName().equals("getAdditionalProperties")) {
          ((Map<?, ?>) value).keySet().forEach(k -> found.add(path + "." + k));
        } else if (!getter.getName().equals("getClass")) {
          String field = getter.getName().substring(3);
          walk(
              value,
              path + "." + Character.toLowerCase(field.charAt(0)) + field.substring(1),
              found);
        }
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    }
  }

  private static List<String> errors(String json) throws Exception {
    try (InputStream schema =
        ManifestSchemaTest.class.getResourceAsStream("/schemas/httproute-v1.schema.json")) {
      Schema validator =
          SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(schema);
      return validator.validate(json, InputFormat.JSON).stream().map(Object::toString).toList();
    }
  }
}
