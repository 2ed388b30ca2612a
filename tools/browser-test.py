#!/usr/bin/env python3
"""The search page in a real browser: starts `bulletin serve` on a free port over a small index
(the shipped corpus plus a bulletin whose title carries HTML), drives headless Chromium through
Selenium (type a query, tick a country, open a document, copy as Markdown) and checks what the
page shows against the JSON API and the CLI. Screenshots go to .build/browser-test/.

    python3 tools/browser-test.py --bin .build/debug/bulletin

Without Chromium, chromedriver or selenium it prints SKIPPED and exits 0, except under CI=true,
where their absence is a failure (tools/install-deps.sh installs them).
"""
import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HOSTILE_ID = "2024/2024-03-03-hostile.txt"
HOSTILE_TEXT = (
    "Москва, 3 марта. /ТАСС/. Заголовок <script>window['__pwned']=1</script> о поставке "
    "<img src=x onerror=\"window['__pwned']=2\"> вертолетов «Ансат» в Индию.\n\n"
    "Россия поставила Индии партию вертолетов «Ансат». Текст & амперсанд и </p> тег.\n"
)
QUERY = "военно-техническое сотрудничество"

failures = []


def check(condition, message):
    if condition:
        print("  ok   " + message)
    else:
        print("  FAIL " + message)
        failures.append(message)


def missing_tools():
    missing = []
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver") or (os.path.exists("/usr/bin/chromedriver") and "/usr/bin/chromedriver")
    if not chromium:
        missing.append("chromium")
    if not driver:
        missing.append("chromedriver (Debian: chromium-driver)")
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("selenium (pip install selenium)")
    return missing, chromium, driver


def start_server(binary, index):
    process = subprocess.Popen([binary, "serve", "--index", index, "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 30
    line = ""
    while time.time() < deadline:
        line = process.stdout.readline()
        if "http://" in line or process.poll() is not None:
            break
    if "http://" not in line:
        process.kill()
        raise SystemExit("browser-test: `bulletin serve` printed no URL: %r %s" % (line, process.stderr.read()))
    url = line[line.index("http://"):].split()[0]
    return process, url


def api(base, path):
    with urllib.request.urlopen(base.rstrip("/") + path, timeout=10) as response:
        return json.loads(response.read().decode("utf-8"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True, help="the bulletin binary")
    parser.add_argument("--out", default=os.path.join(ROOT, ".build", "browser-test"), help="screenshot directory")
    args = parser.parse_args()

    missing, chromium, driver_path = missing_tools()
    if missing:
        message = "browser test: " + ", ".join(missing) + " not installed"
        if os.environ.get("CI") == "true":
            print("FAILED: " + message + " (tools/install-deps.sh installs them)")
            return 1
        print("SKIPPED (not passed): " + message + "; run tools/install-deps.sh as root to install them")
        return 0

    from selenium import webdriver
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    os.makedirs(args.out, exist_ok=True)
    work = tempfile.mkdtemp(prefix="bulletin-browser-")
    server = None
    browser = None
    try:
        corpus = os.path.join(work, "corpus")
        shutil.copytree(os.path.join(ROOT, "Corpora"), corpus)
        with open(os.path.join(corpus, HOSTILE_ID), "w", encoding="utf-8") as f:
            f.write(HOSTILE_TEXT)
        index = os.path.join(work, "index")
        subprocess.run([args.bin, "index", corpus, "--index", index, "--quiet"], check=True)
        server, base = start_server(args.bin, index)
        print("browser test: %s over %s" % (base, index))

        options = webdriver.ChromeOptions()
        options.binary_location = chromium
        for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1360,1000", "--lang=ru-RU", "--no-first-run", "--disable-extensions"]:
            options.add_argument(flag)
        browser = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
        browser.set_page_load_timeout(30)
        wait = WebDriverWait(browser, 15)

        def summary():
            return browser.find_element(By.ID, "summary").text

        def facet_counts(facet):
            out = {}
            for label in browser.find_elements(By.CSS_SELECTOR, '[data-facet="%s"] .facet li label' % facet):
                box = label.find_element(By.TAG_NAME, "input")
                out[box.get_attribute("value")] = int(label.find_element(By.CLASS_NAME, "count").text)
            return out

        # 1. The start page says what the index holds; then type a query.
        browser.get(base)
        stats = api(base, "/api/stats")
        wait.until(lambda b: b.find_element(By.ID, "stats").text)
        check(("В индексе %d " % stats["documents"]) in browser.find_element(By.ID, "stats").text.replace("\u00a0", ""),
              "start page: document count from /api/stats (%d)" % stats["documents"])
        browser.save_screenshot(os.path.join(args.out, "start.png"))
        box = wait.until(lambda b: b.find_element(By.ID, "q"))
        box.send_keys(QUERY)
        box.send_keys(Keys.ENTER)
        wait.until(lambda b: b.find_element(By.ID, "summary").text and not b.find_element(By.ID, "results").get_attribute("hidden"))
        expected = api(base, "/api/search?" + urllib.parse.urlencode({"q": QUERY, "facet_limit": 100}))
        first = summary()
        check(first.startswith("%d " % expected["total"]), "query: summary %r shows the API's total %d" % (first, expected["total"]))
        countries = facet_counts("country")
        api_countries = {c["value"]: c["count"] for c in expected["facets"]["country"]}
        check(countries == api_countries, "query: country facet counts equal the API's (%d values)" % len(countries))
        check(countries.get("BY", 0) > 0, "query: Belarus listed with a count (%s)" % countries.get("BY"))
        names = [e.text for e in browser.find_elements(By.CSS_SELECTOR, '[data-facet="country"] .name')]
        check("Беларусь" in names, "facet shows Russian country names")
        hits = browser.find_elements(By.CSS_SELECTOR, "#hits > li")
        check(len(hits) == min(10, expected["total"]), "query: %d hits listed" % len(hits))
        marks = browser.find_elements(By.CSS_SELECTOR, "#hits .snippet mark")
        check(len(marks) > 0, "snippets highlight matches (%d marks)" % len(marks))
        years = [int(y["value"]) for y in expected["facets"]["year"]]
        wait.until(lambda b: len(b.find_elements(By.CSS_SELECTOR, "#timeline rect")) == max(years) - min(years) + 1)
        bars = browser.find_elements(By.CSS_SELECTOR, "#timeline rect")
        check(len(bars) == max(years) - min(years) + 1, "timeline: one bar per year %d–%d" % (min(years), max(years)))
        months = api(base, "/api/timeline?" + urllib.parse.urlencode({"q": QUERY, "by": "month"}))
        from selenium.webdriver.support.ui import Select
        Select(browser.find_element(By.ID, "timeline-by")).select_by_value("month")
        wait.until(lambda b: len(b.find_elements(By.CSS_SELECTOR, "#timeline rect")) == len(months["periods"]))
        heights = [float(r.get_attribute("height")) for r in browser.find_elements(By.CSS_SELECTOR, "#timeline rect")]
        check(len(heights) == len(months["periods"]) and all((h > 0) == (c > 0) for h, c in zip(heights, months["totals"])),
              "timeline by month: %d bars, empty months empty, as /api/timeline" % len(heights))
        Select(browser.find_element(By.ID, "timeline-by")).select_by_value("")
        wait.until(lambda b: len(b.find_elements(By.CSS_SELECTOR, "#timeline rect")) == max(years) - min(years) + 1)
        check("q=" in browser.current_url, "URL carries the query: " + urllib.parse.unquote(browser.current_url))

        # 2. Tick a country facet: hits and counts change to the filtered query's.
        browser.find_element(By.CSS_SELECTOR, '[data-facet="country"] input[value="BY"]').click()
        wait.until(lambda b: "country=BY" in b.current_url and summary() != first)
        filtered = api(base, "/api/search?" + urllib.parse.urlencode({"q": QUERY, "country": "BY", "facet_limit": 100}))
        wait.until(lambda b: summary().startswith("%d " % filtered["total"]))
        check(summary().startswith("%d " % filtered["total"]), "ticked BY: summary %r shows %d" % (summary(), filtered["total"]))
        check(filtered["total"] < expected["total"], "ticked BY: fewer matches (%d < %d)" % (filtered["total"], expected["total"]))
        after = facet_counts("country")
        check(after == {c["value"]: c["count"] for c in filtered["facets"]["country"]}, "ticked BY: country counts updated to the filtered query's")
        check(after.get("BY") == countries.get("BY"), "ticked BY: Belarus keeps its count (%s)" % after.get("BY"))
        check(browser.find_element(By.CSS_SELECTOR, '[data-facet="country"] input[value="BY"]').is_selected(), "ticked BY: box stays ticked")
        tags = [[t.text for t in h.find_elements(By.CSS_SELECTOR, ".tag.country")] for h in browser.find_elements(By.CSS_SELECTOR, "#hits > li")]
        check(tags and all("Беларусь" in t for t in tags), "ticked BY: every hit is about Belarus")
        shown_ids = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "#hits > li a.title")]
        api_ids = [urllib.parse.quote(h["id"], safe="") for h in filtered["hits"]]
        check(len(shown_ids) == len(api_ids) and all(i in s for i, s in zip(api_ids, shown_ids)), "ticked BY: hits in the API's order")
        browser.save_screenshot(os.path.join(args.out, "search.png"))

        # 3. Copy as Markdown: the same note as `bulletin search --format md`.
        browser.find_element(By.ID, "copy-md").click()
        wait.until(lambda b: b.find_element(By.ID, "copy-md").get_attribute("data-markdown"))
        note = browser.find_element(By.ID, "copy-md").get_attribute("data-markdown")
        cli = subprocess.run([args.bin, "search", QUERY, "--country", "BY", "--index", index, "--format", "md"],
                             capture_output=True, text=True, check=True).stdout
        check(note == cli, "copy as Markdown gives the CLI's --format md note (%d bytes)" % len(note))

        # 4. A date range typed into the filter panel, then the next page.
        for field, value in (("from", "2020"), ("to", "2021-06")):
            box = browser.find_element(By.ID, field)
            box.clear()
            box.send_keys(value)
            box.send_keys(Keys.ENTER)
        wait.until(lambda b: "from=2020" in b.current_url and "to=2021-06" in b.current_url)
        ranged = api(base, "/api/search?" + urllib.parse.urlencode({"q": QUERY, "country": "BY", "from": "2020", "to": "2021-06"}))
        wait.until(lambda b: summary().startswith("%d " % ranged["total"]))
        check(summary().startswith("%d " % ranged["total"]), "date range 2020..2021-06: summary %r shows %d" % (summary(), ranged["total"]))
        wait.until(lambda b: len(b.find_elements(By.CSS_SELECTOR, "#timeline rect")) == 2)
        bars = browser.find_elements(By.CSS_SELECTOR, "#timeline rect")
        check(len(bars) == 2, "date range: timeline has the 2 years (%d bars)" % len(bars))
        browser.find_element(By.ID, "clear-dates").click()
        wait.until(lambda b: "from=" not in b.current_url and summary().startswith("%d " % filtered["total"]))
        browser.find_element(By.ID, "next").click()
        wait.until(lambda b: "offset=10" in b.current_url and "показаны 11–" in summary())
        page2 = api(base, "/api/search?" + urllib.parse.urlencode({"q": QUERY, "country": "BY", "offset": 10}))
        first_title = browser.find_element(By.CSS_SELECTOR, "#hits > li a.title").text
        check(first_title == page2["hits"][0]["title"], "next page starts with the API's 11th hit")
        browser.find_element(By.ID, "prev").click()
        wait.until(lambda b: "offset=" not in b.current_url and "показаны 1–" in summary())

        # 5. Open a document from the list, then its similar bulletins.
        title_link = browser.find_element(By.CSS_SELECTOR, "#hits > li a.title")
        title = title_link.text
        title_link.click()
        wait.until(lambda b: not b.find_element(By.ID, "doc").get_attribute("hidden"))
        wait.until(lambda b: b.find_elements(By.CSS_SELECTOR, "#similar > li.hit"))
        check(browser.find_element(By.ID, "doc-title").text == title, "document view shows the title")
        doc_id = urllib.parse.parse_qs(urllib.parse.urlparse(browser.current_url).query).get("doc", [""])[0]
        stored = api(base, "/api/doc/" + urllib.parse.quote(doc_id, safe=""))
        text = browser.find_element(By.ID, "doc-text").text
        check(stored["text"].split("\n")[0].strip()[:60] in text, "document view shows the whole text")
        meta = browser.find_element(By.ID, "doc-meta").text
        check("Беларусь" in meta and stored["id"] in meta, "document view shows the metadata")
        similar = browser.find_elements(By.CSS_SELECTOR, "#similar > li.hit")
        check(len(similar) > 0, "similar bulletins listed (%d)" % len(similar))
        browser.save_screenshot(os.path.join(args.out, "document.png"))
        browser.back()
        wait.until(lambda b: not b.find_element(By.ID, "results").get_attribute("hidden"))
        check("country=BY" in browser.current_url, "back returns to the filtered list")

        # 6. A bulletin whose title carries HTML is shown as text, and nothing runs.
        browser.get(base + "?q=" + urllib.parse.quote("амперсанд"))
        wait.until(lambda b: b.find_elements(By.CSS_SELECTOR, "#hits > li a.title"))
        shown = browser.find_element(By.CSS_SELECTOR, "#hits > li a.title").text
        check("<script>window['__pwned']=1</script>" in shown and "<img src=x" in shown, "markup in a title is shown as text: %r" % shown[:80])
        check(len(browser.find_elements(By.CSS_SELECTOR, "#hits script, #hits img")) == 0, "no element injected from the title")
        check(browser.execute_script("return window.__pwned === undefined"), "no script from the document ran")
        browser.get(base + "?doc=" + urllib.parse.quote(HOSTILE_ID, safe=""))
        wait.until(lambda b: not b.find_element(By.ID, "doc").get_attribute("hidden"))
        check("</p> тег" in browser.find_element(By.ID, "doc-text").text, "markup in the text is shown as text")
        check(browser.execute_script("return window.__pwned === undefined"), "no script ran in the document view")
        try:
            browser.switch_to.alert
            check(False, "no alert opened")
        except NoAlertPresentException:
            check(True, "no alert opened")
        errors = [e for e in browser.get_log("browser") if e.get("level") == "SEVERE" and "favicon" not in e.get("message", "")] \
            if hasattr(browser, "get_log") else []
        check(not errors, "no errors in the browser console %s" % [e.get("message") for e in errors][:3])

        # 7. A bad query: the page says what is wrong.
        browser.get(base + "?q=" + urllib.parse.quote("танки AND"))
        wait.until(lambda b: b.find_element(By.ID, "message").text)
        check("AND" in browser.find_element(By.ID, "message").text, "a syntax error is shown: %r" % browser.find_element(By.ID, "message").text[:80])

        # 8. The server stops cleanly on SIGTERM.
        server.send_signal(signal.SIGTERM)
        try:
            code = server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            code = None
        check(code == 0, "bulletin serve exits 0 on SIGTERM (got %s)" % code)
        server = None
    finally:
        if browser is not None:
            browser.quit()
        if server is not None:
            server.kill()
            server.wait()
        shutil.rmtree(work, ignore_errors=True)

    print("browser test: screenshots in %s" % os.path.relpath(args.out, ROOT))
    if failures:
        print("browser test: %d failed: %s" % (len(failures), "; ".join(failures)))
        return 1
    print("browser test: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
