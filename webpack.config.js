// Builds the task pane (yo-office layout): dist/taskpane.html + its bundle, dist/manifest.xml,
// dist/assets/ (icons, support.html). dist/cli/ belongs to scripts/build-cli.js and survives the clean.
// Office.js always comes from Microsoft's CDN, in development too: the npm package is unsupported
// and lags behind the hosts (it lacks members such as Worksheet.notes that Excel reports).
//
//   npm run build        production bundle; prints gzipped sizes; dist/manifest.xml is the RELEASE
//                        manifest (its own Id, served from PACT_TRACKER_BASE_URL, default
//                        https://localhost:3000 for `npm run serve:https`; see scripts/manifest.js)
//   npm run build:dev    development bundle; dist/manifest.xml is manifest.xml (the dev manifest)
//   npm run dev-server   https://localhost:3000 with the Office dev certificate, or plain http
//                        if the certificate cannot be installed (see devServerTransport)
const path = require("node:path");
const zlib = require("node:zlib");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const { releaseManifest } = require("./scripts/manifest.js");

const ROOT = __dirname;
const DIST = path.join(ROOT, "dist");
const DEV_SERVER_PORT = 3000; // manifest.xml points at https://localhost:3000
// The same constant as OFFICE_JS_CDN in src/taskpane/office-host.ts (tests/manifest.test.ts checks).
const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
/**
 * Budget for the JavaScript the task pane loads before it can render, gzipped. 250 KB until the
 * party checklist and the citations (2.5 KB) went over it; React.lazy tabs made the entry larger
 * (+8 KB, measured), so the budget was raised, deliberately, to 256 KB — see the issue 23 note.
 */
const INITIAL_JS_BUDGET_BYTES = 256 * 1024;

/**
 * Prints every emitted .js with its gzipped size and fails the build when an entry point's
 * initial JavaScript exceeds the budget. (webpack's own performance hints measure raw bytes,
 * which says little about what goes over the wire.)
 */
class GzipSizeReportPlugin {
  constructor({ budgetBytes }) {
    this.budgetBytes = budgetBytes;
  }

  apply(compiler) {
    const { Compilation, WebpackError } = compiler.webpack;
    let report = "";
    compiler.hooks.done.tap(GzipSizeReportPlugin.name, () => {
      if (report) console.log(report);
    });
    compiler.hooks.thisCompilation.tap(GzipSizeReportPlugin.name, (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: GzipSizeReportPlugin.name, stage: Compilation.PROCESS_ASSETS_STAGE_REPORT },
        (assets) => {
          const gzipped = new Map();
          const rows = [];
          // Initial: loaded by the page before it renders. Everything else is an import() or worker chunk.
          const initialFiles = new Set();
          for (const entrypoint of compilation.entrypoints.values()) for (const f of entrypoint.getFiles()) initialFiles.add(f);
          const names = Object.keys(assets).filter((n) => n.endsWith(".js")).sort();
          const width = Math.max(40, ...names.map((n) => n.length));
          for (const name of names) {
            const source = assets[name].buffer();
            const gz = zlib.gzipSync(source, { level: 9 }).length;
            gzipped.set(name, gz);
            const kind = initialFiles.has(name) ? "initial" : "lazy";
            rows.push(`  ${name.padEnd(width)} ${kb(source.length).padStart(10)} ${kb(gz).padStart(10)} gzip  ${kind}`);
          }
          const lines = ["", "JavaScript bundles:", ...rows];
          for (const [entry, entrypoint] of compilation.entrypoints) {
            const initial = entrypoint.getFiles().filter((f) => f.endsWith(".js"));
            const total = initial.reduce((sum, f) => sum + (gzipped.get(f) ?? 0), 0);
            const verdict = total <= this.budgetBytes ? "within" : "OVER";
            lines.push(`  entry "${entry}": initial JS ${kb(total)} gzip — ${verdict} the ${kb(this.budgetBytes)} budget`);
            if (total > this.budgetBytes) {
              compilation.errors.push(
                new WebpackError(
                  `Entry "${entry}" loads ${kb(total)} of gzipped JavaScript up front; the budget is ` +
                    `${kb(this.budgetBytes)}. Import less (named imports from @fluentui/react-components ` +
                    `only) or load the extra code with import().`,
                ),
              );
            }
          }
          report = lines.join("\n") + "\n";
        },
      );
    });
  }
}

function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/**
 * Excel (desktop and on the web) only loads add-in pages over https, and the manifest says
 * https://localhost:3000. office-addin-dev-certs creates a localhost certificate and trusts its CA
 * (that step needs admin rights / sudo). Where that is impossible — no admin rights, a headless
 * Linux box or container — serve plain http so the standalone page and e2e tests still work, and
 * say clearly what is missing. PACT_TRACKER_DEV_HTTP=1 skips the certificate step on purpose.
 */
async function devServerTransport() {
  const plainHttp = (reason) => {
    console.warn(
      [
        "",
        "┌─ pact-tracker dev server: serving PLAIN HTTP ─────────────────────────────────────",
        `│ ${reason}`,
        `│ The task pane works in a browser at http://localhost:${DEV_SERVER_PORT}/taskpane.html (standalone mode).`,
        "│ Excel will NOT load it: Office (desktop and Excel on the web) only loads add-in pages over",
        `│ https, and manifest.xml points at https://localhost:${DEV_SERVER_PORT}.`,
        "│ To develop inside Excel, on a machine where you can trust a certificate (admin rights):",
        "│   npx office-addin-dev-certs install     then restart: npm run dev-server",
        "│ (On a headless Linux box, run the dev server on your desktop machine instead.)",
        "└───────────────────────────────────────────────────────────────────────────────────",
        "",
      ].join("\n"),
    );
    return "http";
  };
  if (process.env.PACT_TRACKER_DEV_HTTP === "1") return plainHttp("PACT_TRACKER_DEV_HTTP=1 is set.");
  try {
    const devCerts = require("office-addin-dev-certs");
    const { ca, key, cert } = await devCerts.getHttpsServerOptions();
    return { type: "https", options: { ca, key, cert } };
  } catch (error) {
    const detail = String(error instanceof Error ? error.message : error).split("\n")[0];
    return plainHttp(`The Office development certificate could not be installed: ${detail}`);
  }
}

module.exports = async (env, argv) => {
  const production = argv.mode === "production";
  const serving = Boolean(env && env.WEBPACK_SERVE);

  return {
    mode: production ? "production" : "development",
    devtool: production ? false : "source-map",
    entry: {
      taskpane: "./src/taskpane/index.tsx",
    },
    output: {
      path: DIST,
      filename: production ? "[name].[contenthash:8].js" : "[name].js",
      // Lazy chunks: the writer, the reader, the consolidation worker, the Excel adapter.
      chunkFilename: production ? "[name].[contenthash:8].js" : "[name].js",
      // dist/cli/ is the CLI bundle (scripts/build-cli.js); keep it.
      clean: { keep: /^cli([\\/]|$)/ },
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              transpileOnly: true, // type checking is `npm run typecheck`
              configFile: path.join(ROOT, "tsconfig.json"),
              compilerOptions: {
                noEmit: false,
                // ES modules so webpack can tree-shake Fluent UI; the root tsconfig emits
                // CommonJS for node.
                module: "esnext",
                // Task panes run in WebView2 (Windows), WKWebView (Mac) and browsers (web);
                // ES2020 keeps older Safari-based Mac clients working.
                target: "ES2020",
                sourceMap: !production,
              },
            },
          },
        },
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        officeJsUrl: OFFICE_JS_CDN,
      }),
      new CopyWebpackPlugin({
        patterns: [
          {
            from: "manifest.xml",
            to: "manifest.xml",
            // The release manifest: another Id than the dev manifest, so a sideloaded dev copy and
            // an installed release can live side by side. A bad PACT_TRACKER_BASE_URL fails the build.
            ...(production
              ? { transform: { transformer: (content) => releaseManifest(content.toString("utf8"), { baseUrl: process.env.PACT_TRACKER_BASE_URL }), cache: false } }
              : {}),
          },
          { from: "assets", to: "assets" },
        ],
      }),
      ...(production ? [new GzipSizeReportPlugin({ budgetBytes: INITIAL_JS_BUDGET_BYTES })] : []),
    ],
    optimization: {
      // Chunks shared by import() and the worker (the writer, the reader) get names from their
      // modules instead of numbers, so the size report says what each one is.
      chunkIds: "named",
    },
    // Replaced by GzipSizeReportPlugin, which measures gzipped bytes against our budget.
    performance: { hints: false },
    devServer: {
      port: DEV_SERVER_PORT,
      host: "localhost",
      headers: { "Access-Control-Allow-Origin": "*" },
      static: false,
      server: serving ? await devServerTransport() : "http",
    },
  };
};
