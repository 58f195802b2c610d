/// The page's only style and script, inline: the page loads nothing from anywhere.
enum WebPageAssets {
    /// Inline style and script only; nothing else may load. `data:` icons keep browsers
    /// from asking the server for /favicon.ico.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

    /// The style of every page: its layout, then the few rules MathML needs (fonts with a
    /// MATH table first, display blocks, aligned cells).
    static let css = layoutCSS + mathCSS

    private static let mathCSS = """
        math { font-family: "STIX Two Math", "Cambria Math", "Latin Modern Math", "DejaVu Math TeX Gyre", math; }
        math[display="block"] { margin: 0.6rem 0; overflow-x: auto; overflow-y: hidden; }
        mtd.left { text-align: left; }
        mtd.right { text-align: right; }

        """

    /// Readable on a phone (one column, fluid), follows the reader's light or dark setting.
    private static let layoutCSS = """

        :root { color-scheme: light dark; --fg: #1c1d1f; --bg: #fbfbf9; --muted: #5d6066; --accent: #0a58b0;
          --rule: #dcdcd6; --card: #ffffff; --card-rule: #e6e5df; --warn: #9a3412; }
        @media (prefers-color-scheme: dark) {
          :root { --fg: #e7e6e3; --bg: #141517; --muted: #a3a6ad; --accent: #8cb8ff;
            --rule: #34363b; --card: #1c1e21; --card-rule: #2c2f33; --warn: #fdba74; }
        }
        * { box-sizing: border-box; }
        [hidden] { display: none !important; }
        html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
        body { margin: 0 auto; max-width: 46rem; padding: 1rem 1.1rem 3rem; color: var(--fg); background: var(--bg);
          font: 1.0625rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
          overflow-wrap: break-word; }
        a { color: var(--accent); text-underline-offset: 0.15em; }
        a:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; border-radius: 2px; }
        h1 { font-size: 1.9rem; line-height: 1.2; margin: 1.5rem 0 1rem; letter-spacing: -0.01em; }
        h2 { font-size: 1.35rem; line-height: 1.3; margin: 2.5rem 0 1rem; padding-bottom: 0.3rem; border-bottom: 2px solid var(--rule); }
        .year h3 { font-size: 1.1rem; color: var(--muted); margin: 1.5rem 0 0.75rem; }
        .description p { margin: 0 0 0.8rem; }
        .subscribe h2 { font-size: 1rem; border: 0; margin: 1.5rem 0 0.5rem; padding: 0; }
        .subscribe ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.5rem; }
        .subscribe li { display: inline; }
        .subscribe a { display: inline-block; padding: 0.3rem 0.8rem; border: 1px solid var(--rule); border-radius: 999px;
          text-decoration: none; font-weight: 600; background: var(--card); }
        .subscribe a:hover { border-color: var(--accent); }
        .subscribe .note { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
        .talk { background: var(--card); border: 1px solid var(--card-rule); border-radius: 0.6rem; padding: 1rem 1.2rem;
          margin: 0 0 1.2rem; }
        .talk h3, .talk h4 { font-size: 1.15rem; line-height: 1.35; margin: 0 0 0.5rem; }
        .talk p { margin: 0.3rem 0; }
        .talk .when { font-weight: 600; color: var(--muted); }
        .talk .label { color: var(--muted); }
        .talk .status { color: var(--warn); font-weight: 600; }
        .talk.cancelled h3, .talk.cancelled h4 { text-decoration: line-through; }
        .talk .abstract { margin-top: 0.7rem; }
        .talk .links { margin: 0.5rem 0 0; padding-left: 1.2rem; }
        #archive .note { color: var(--muted); }
        .years { padding-left: 1.2rem; }
        .years li { margin: 0.2rem 0; }
        footer { margin-top: 3rem; color: var(--muted); font-size: 0.95rem; }
        footer h2 { font-size: 1.05rem; color: var(--fg); }
        footer .note { font-size: 0.85rem; }
        @media (max-width: 30rem) { body { font-size: 1rem; } h1 { font-size: 1.55rem; } .talk { padding: 0.8rem 0.9rem; } }

        """

    /// Moves each talk into "Upcoming talks" or its year under "Past talks" by comparing
    /// its end (start if it has none) to the reader's clock; see `WebPageWriter`. Plain
    /// ES5 so that old browsers run it too; anything missing leaves the static list as is.
    static let script = """

        (function () {
          "use strict";
          var all = document.getElementById("talks");
          var upcoming = document.getElementById("upcoming");
          var past = document.getElementById("past");
          if (!all || !upcoming || !past || !all.querySelectorAll) { return; }
          var now = Date.now(), soon = [], undated = [];
          var talks = all.querySelectorAll("article.talk");
          for (var i = 0; i < talks.length; i++) {
            var talk = talks[i];
            var end = Date.parse(talk.getAttribute("data-end") || talk.getAttribute("data-start") || "");
            if (isNaN(end)) { undated.push(talk); continue; }
            if (end > now) { soon.push(talk); continue; }
            var year = document.getElementById("past-" + talk.getAttribute("data-year")) || past;
            demote(talk);
            year.appendChild(talk);
            year.hidden = false;
          }
          /* The list is newest first: reversed, the upcoming talks come soonest first. */
          soon.reverse().concat(undated).forEach(function (talk) { upcoming.appendChild(talk); });
          document.getElementById("no-upcoming").hidden = soon.length + undated.length > 0;
          upcoming.hidden = false;
          past.hidden = past.querySelector("article") === null;
          all.hidden = true;

          /* Under a year's h3 a talk's title becomes an h4, keeping the outline. */
          function demote(talk) {
            var h = talk.querySelector("h3");
            if (!h) { return; }
            var lower = document.createElement("h4");
            for (var a = 0; a < h.attributes.length; a++) { lower.setAttribute(h.attributes[a].name, h.attributes[a].value); }
            while (h.firstChild) { lower.appendChild(h.firstChild); }
            h.parentNode.replaceChild(lower, h);
          }
        })();

        """
}
