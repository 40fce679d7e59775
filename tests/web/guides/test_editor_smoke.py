from tests.web.guides.ondermijning import make_ondermijning, stored_version


def test_ondermijning_made_in_the_editor(client, app, auth):
    auth.as_projectleider()
    version_id = make_ondermijning(client, app)
    version = stored_version(app, version_id)
    assert version.status == "vastgesteld"
    assert [g["theme"]["slug"] for g in version.content["guides"]] == ["signalen", "samenwerking"]


def test_pages_render(client, app, auth):
    auth.as_projectleider()
    version_id = make_ondermijning(client, app, freeze=False)
    version = stored_version(app, version_id)
    print(version.content["guides"][0]["questions"][1])
    for url in ["/leidraden/", f"/leidraden/versies/{version_id}", f"/leidraden/versies/{version_id}/themas/0",
                f"/leidraden/versies/{version_id}/themas/0/vragen/1", f"/leidraden/versies/{version_id}/themas/0/voorbeeld",
                f"/leidraden/versies/{version_id}/verschil", "/leidraden/versies/1/verschil?met=1",
                f"/leidraden/versies/{version_id}/leidraad.xlsx", f"/leidraden/versies/{version_id}/leidraad.zip",
                "/leidraden/versies/1/themas/0/voorbeeld"]:
        r = client.get(url)
        assert r.status_code == 200, (url, r.get_data(as_text=True)[-2000:])
