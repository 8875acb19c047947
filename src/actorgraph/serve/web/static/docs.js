// Starts Swagger UI on the API's /docs page. It is a file rather than an inline script because
// the page's Content-Security-Policy runs scripts from this server only.
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.getAttribute("data-openapi"),
    dom_id: "#swagger-ui",
    layout: "BaseLayout",
    deepLinking: true,
    showExtensions: true,
    showCommonExtensions: true,
    // No badge from the public validator service: the page asks nothing of other hosts.
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
  });
})();
