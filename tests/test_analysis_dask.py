"""onestop.analysis.dask: the same table as table(), on a local cluster of worker processes."""

import dask
import dask.bag as db
import dask.dataframe as dd
import pandas as pd
import pytest
from distributed import Client, LocalCluster

import onestop
from onestop.analysis import dask as on_dask
from onestop.analysis import population, table


@pytest.fixture(scope="module")
def client():
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as c,
    ):
        yield c


@pytest.fixture(scope="module")
def surabaya():
    cat = onestop.builtin("surabaya")
    requests = [
        *population(cat, 3000, seed=9, year=2027),
        onestop.Request("kia2"),
        onestop.Request("kelahiran", holding=["kk"]),
    ]
    return cat, requests, table(cat, requests, progress=False)


@pytest.mark.slow
def test_a_bag_of_requests_gives_the_table_on_two_worker_processes(client, surabaya):
    cat, requests, expected = surabaya
    got = on_dask.table(cat, db.from_sequence(requests, npartitions=6)).compute()
    assert len(client.scheduler_info()["workers"]) == 2
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected)


@pytest.mark.slow
def test_a_dask_dataframe_of_goals_holding_start_gives_the_table(client, surabaya):
    cat, requests, expected = surabaya
    frame = pd.DataFrame(
        {
            "goals": [r.goals for r in requests],
            "holding": [r.holding for r in requests],
            "start": pd.to_datetime([r.start for r in requests]),
        }
    )
    with dask.config.set({"dataframe.convert-string": False}):  # keep the tuples tuples
        requests_frame = dd.from_pandas(frame, npartitions=4)
    got = on_dask.table(cat, requests_frame).compute()
    got = got.reset_index(drop=True)
    today = onestop.calendar.today(cat)
    # a request without a start starts today, on the workers as here
    assert (got["start"].iloc[-2:].dt.date == today).all()
    pd.testing.assert_frame_equal(got.iloc[:-2], expected.iloc[:-2])
    pd.testing.assert_frame_equal(
        got.iloc[-2:].drop(columns="start"), expected.iloc[-2:].drop(columns="start")
    )


def test_what_is_not_a_dask_collection_is_refused():
    cat = onestop.builtin("surabaya")
    with pytest.raises(TypeError, match=r"dask\.bag\.Bag"):
        on_dask.table(cat, [onestop.Request("kia")])
    with pytest.raises(ValueError, match="holding"):
        on_dask.table(cat, dd.from_pandas(pd.DataFrame({"goals": [("kia",)]}), npartitions=1))


def test_text_where_ids_or_dates_belong_is_refused_not_planned_as_something_else():
    cat = onestop.builtin("probolinggo")
    good = {"goals": [("kelahiran",)], "holding": [("kk",)], "start": [pd.Timestamp("2027-01-04")]}
    cases = [
        ({"goals": ["('kelahiran',)"]}, "convert-string"),  # tuples Dask turned into text
        ({"start": ["2027-01-04"]}, "start must be a date"),  # was planned from today
    ]
    for change, message in cases:
        with dask.config.set({"dataframe.convert-string": False}):
            frame = dd.from_pandas(pd.DataFrame({**good, **change}), npartitions=1)
        with pytest.raises(TypeError, match=message):
            on_dask.table(cat, frame).compute(scheduler="sync")
