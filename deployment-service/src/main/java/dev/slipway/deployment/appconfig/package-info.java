/**
 * The application configuration of a commit (CFG-1..3), plain Java: no CDI, database or broker,
 * so the VALIDATE phase and tests call it directly.
 *
 * <h2>Files (CFG-1)</h2>
 * {@link dev.slipway.deployment.appconfig.ConfigFiles#locate} looks up each of app, routes and
 * services on its own: {@code .slipway/app.yaml}, {@code .slipway/routes.yaml},
 * {@code .slipway/services.yaml}, else Magento Cloud's {@code .magento.app.yaml},
 * {@code .magento/routes.yaml}, {@code .magento/services.yaml}. Slipway's name wins where both
 * exist; the result says which path was used. A commit with neither app file fails VALIDATE
 * ("no .slipway/app.yaml or .magento.app.yaml in commit &lt;sha&gt;"): without it there is nothing
 * to build or run.
 *
 * <h2>Rules (CFG-2)</h2>
 * {@link dev.slipway.deployment.appconfig.ConfigReader#read} gives a
 * {@link dev.slipway.deployment.appconfig.ConfigOutcome}: the
 * {@link dev.slipway.deployment.appconfig.CommitConfig} or every
 * {@link dev.slipway.deployment.appconfig.ConfigProblem} (file, 1-based line, reason), ordered by
 * file and line. YAML is read safely (no tags beyond plain values, 1 MiB, 50 aliases of lists or
 * mappings, 100 000 values after expanding aliases, duplicate keys refused). app.yaml needs
 * {@code name} and {@code type}; see {@link dev.slipway.deployment.appconfig.AppConfig} for each
 * key and {@link dev.slipway.deployment.appconfig.CronSpec} for the 5-minute rule. routes.yaml and
 * services.yaml must be mappings; each route has a {@code type} (upstream or redirect), each
 * service a {@code type}; each relationship names a service of services.yaml.
 *
 * <h2>Canonical form and digest (CFG-3)</h2>
 * Each file is parsed into plain values: mappings with string keys (a key is the text of its
 * scalar), lists, strings, integers, floats, booleans and null; aliases and merge keys
 * ({@code <<}) are expanded, and YAML's own typing applies ({@code 0x10} and {@code 16} are the
 * same integer, {@code "16"} is a string). Timestamps and binary values stay as written. An
 * absent file and an empty one are both null. The three are put in one JSON object
 * {@code {"app":…,"routes":…,"services":…}} and written compactly (no whitespace), every
 * object's members sorted by key in Java {@code String} order, strings escaped as Jackson does,
 * UTF-8. The digest is {@code sha256:} and the lowercase hex SHA-256 of those bytes. So comments,
 * indentation, quoting, key order and the file names used do not change it; any value does.
 *
 * <h2>Build key (DEP-4)</h2>
 * {@link dev.slipway.deployment.appconfig.BuildKey#of} is {@code <treeId>-<16 hex>}, the hex
 * being the start of the SHA-256 of the build-visible variables as canonical JSON (names sorted,
 * values included). It never contains a value.
 */
package dev.slipway.deployment.appconfig;
