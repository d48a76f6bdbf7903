from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "notification_status_change" (
    "sequence" BIGSERIAL NOT NULL PRIMARY KEY,
    "creator" VARCHAR(64) NOT NULL,
    "order_id" UUID NOT NULL,
    "notification_id" UUID,
    "senders_reference" VARCHAR(4096),
    "channel" VARCHAR(8),
    "status" VARCHAR(40) NOT NULL,
    "status_reason" VARCHAR(1024),
    "changed" TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_notificatio_changed_70fadf" ON "notification_status_change" ("changed");
COMMENT ON COLUMN "notification_status_change"."channel" IS 'EMAIL: EMAIL\nSMS: SMS';
-- Hand-written from here. Each row's transaction id: the feed reads only rows of transactions below the
-- visibility horizon, in (txid, sequence) order, so a transaction committing late never slips behind a cursor.
ALTER TABLE "notification_status_change" ADD "txid" BIGINT NOT NULL DEFAULT (pg_current_xact_id()::text::bigint);
CREATE INDEX "idx_notification_status_change_feed" ON "notification_status_change" ("creator", "txid", "sequence");
CREATE FUNCTION "notification_status_change_of_notification"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "notification_status_change"
        ("creator", "order_id", "notification_id", "senders_reference", "channel", "status", "status_reason", "changed")
    SELECT o."creator", o."id", NEW."id", o."senders_reference", NEW."channel", NEW."status", NEW."status_reason",
        NEW."status_changed"
    FROM "notification_order" o WHERE o."id" = NEW."order_id";
    RETURN NULL;
END $$;
CREATE TRIGGER "notification_status_change_on_insert" AFTER INSERT ON "notification" FOR EACH ROW
    WHEN (NEW."status" NOT IN ('NEW', 'SENDING')) EXECUTE FUNCTION "notification_status_change_of_notification"();
CREATE TRIGGER "notification_status_change_on_update" AFTER UPDATE OF "status" ON "notification" FOR EACH ROW
    WHEN (NEW."status" IS DISTINCT FROM OLD."status" AND NEW."status" NOT IN ('NEW', 'SENDING'))
    EXECUTE FUNCTION "notification_status_change_of_notification"();
CREATE FUNCTION "notification_status_change_of_order"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "notification_status_change" ("creator", "order_id", "senders_reference", "status", "status_reason", "changed")
    VALUES (NEW."creator", NEW."id", NEW."senders_reference", NEW."status", NEW."status_reason", CURRENT_TIMESTAMP);
    RETURN NULL;
END $$;
CREATE TRIGGER "notification_status_change_on_order" AFTER UPDATE OF "status" ON "notification_order" FOR EACH ROW
    WHEN (NEW."status" IS DISTINCT FROM OLD."status" AND NEW."status" IN ('COMPLETED', 'SEND_CONDITION_NOT_MET', 'CANCELLED'))
    EXECUTE FUNCTION "notification_status_change_of_order"();"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TRIGGER IF EXISTS "notification_status_change_on_order" ON "notification_order";
        DROP TRIGGER IF EXISTS "notification_status_change_on_update" ON "notification";
        DROP TRIGGER IF EXISTS "notification_status_change_on_insert" ON "notification";
        DROP FUNCTION IF EXISTS "notification_status_change_of_order"();
        DROP FUNCTION IF EXISTS "notification_status_change_of_notification"();
        DROP TABLE IF EXISTS "notification_status_change";"""


MODELS_STATE = (
    "eJztXetzozi2/1cof9mZqtmuTjr9yr11qxyHdDPj2CmbzHTPeIvCRnG4wcLLo7u9u/2/ry"
    "ReAgRGjrFlWl8SLOkI+3fg6Oi89O/eyrWA478YuDAwF0HvUvl3D5orgC6KXb8oPXO9zjpw"
    "Q2DOHTJ2QQ2a+4EXzfVgOj5ATRbwF569DmwX4sH6I1BiAsWEluIBH3hfTNyNrpe2HwBP+e"
    "m3yeTnF3hCy12gGW243IE2hPY/Q2AE7hIEj8BDM/z1D9RsQwt8A37ycf1kPNjAsXI/H5JJ"
    "TcewLQADO9gYMFzN0RyIgIw2gs2ajBw8mt4Nocffdm4sXCdcwW1zrDfBowvTSdBPxK1LAI"
    "FnBsCi4IOh48RAJ03R70INgReC9AdZWYMFHszQwUzA1NH3ytp6hjEa68ZU1Q2jV2JQQkHh"
    "Hjch5DFzbRj4BKuV+c1wAFwGj+jj2dn36D4ZOtEofMPf+5PBx/7kp7Ozn/ENXfSERE/OKO"
    "45J13fyRRmYEaTEA5lLAEr03Z48E8JdgI7hjLFOhmSgZ094AdH+9X5ywZwo1GVeJM+DDj9"
    "ys9tNIwD4YyiexA3QrgG4DK+kbQCVhnhK9d1gAnZINNkBZjniG4XudEE6LSlBaRrkL0aj4"
    "d45pXv/9MhDZpegPj+9kpFsoQgjwbZAWnWRnoBb8f0A4QjfLC9FQv1a4RYYK8AG/YydQF8"
    "KyZ/kVyc3hNfwwddu1Wnev/2LseM676u4p5z0roptP70pvA2pJMof2j6RwV/VP4cj1SCpu"
    "sHS4/cMRun/9nD38kMA9eA7lfDtGhMkuak6Ttevh+eqNUCN8zNxdNX07OMUo977laNLXet"
    "zlfFFhOaS8IkjCb+nrGSdA0csDRj8EsqFNVbq0VZ+XHbFKlqJjPUnr9qlRHXW5rQ/hcZQT"
    "Uj5rihtwCIpPePpoqTzXjRNBiw3zGb9V6hh7P4JsWvjbiq0BJ/hb+fn128vXj36s3FOzSE"
    "fM205W3Nq5ZIrmrV5zS00bIwO311NONBxUvSFP4K8u4h/74B8O8rcX/PUJpSIcQBd4GsLZ"
    "iPqZ++ft1EQX39ulpDxX3fRVlEx9QLwlpGc/21C6lbHLnXpbTpQiiyvBDIbrAXcVG3cq64"
    "drTJeCkwqgUGLZ7Xpoe0CeOZD3v9LC3ZFk76mRdQaI/cwH6wF+S6b1loBfa3yXEWSWPRjn"
    "aCGTXeKabkjWzQ89C3IaJQ6GmUeJrUmnypuBAonvtVWQMv6WUbpp87IXPbVvFKxHTRO5F9"
    "ltu0o27TRF7yOyb/6DWo+DKU8VYRmgRzDX0rEy5ACfviHCKv/z31tq8NLxXybwant9NLBf"
    "0pCqUmnHjXgBPvKjnxroITPA89RSIy5sf20wiy3t8Bz2dvz+Ke2tV7nY05ypbsNMxoAm3O"
    "2nfqyv1ZZw06k9gEx5IWaV+tvPDoUUeRGCJZHwWSC3s0JdRo018RPs+1LNROIjXrPFNKmj"
    "Va3xxgwDkP4jSNlNLNrGgxZnAHnGGLFrJuwgx2gBlImJvDbPtR3AxRkE1GyF5tuBODWkY9"
    "cUQ9eSDAyCG8LHPD2IpXWvnKhNstfifwvO/B5ieKQu06bGXadbYp0skIAYKK0FdBD50FpK"
    "1ahhSdlG4tQ4o6sqvJRBAH2DmiDu5rzt40ebqLAb7U0/1GINPTvQ+8hu7oqqG162mIiJ7h"
    "fu5nbmFTiYziqX8YWMqD6+V8yGjU3A0D4jim3/myG3qfE+9lwZdrvFzjT2mlkWt8R9Z4mS"
    "wokwVPLllQEO2pvwjsL0jSs9SltK9WPzLpUUdx3LH0iSt7+aOoFO/Pz1+9env+8tWbd68v"
    "3r59/e5lqluUu+qUjCvtA9Yzco/tdsXjOZFYJxGBdXd/NdSmH9XrSyW9nMH40rjpa0OqK/"
    "48gzeqPiA08cUMTtQ++oj/zuBgPLrRJre4P72cQSwhtN9xY3I1g/ejrDW7xveffFCvjavP"
    "xkQdaHeaOtLxlyg10iP7Q10bjehhUQu6s673Bx9v0fipcT3+YzQc96/J92C2z+BI/V2dGN"
    "Evyq6TdurXFRrQiLGu3WiDvq6NRwhy/K1LTYVRCcSMRoQkurFOcIwuMM5TdULwSq6Ke6dm"
    "C2mjdbRmGS1ph4tF6KGtmWEG5felPj+5QLqH5GTRDBQ1YJ9EdnIuMnIRuFyKf0rQPWXpzU"
    "WD1+jNReVrhLsKjl3wjfH+1Dh14/Hdw/bs5XkTdPGw6k0s6cwjvHCRrPHXLvqNsCIc6v5e"
    "u2bDzSQuYB+GtvUCT9EtQRUtCZHkoWUK+aUMjb8K8TLcN64H7CX8DWxK+lQB2rSUU3HC04"
    "Q5a81eRs/8mm4C2I8bdmsDB0Re80F/OkBKS+/7cTZYBU4wy24VeVVXfas0ds9uXh+guYlo"
    "tC2wWrsButHGeAKbkn33r54HFvbaBtHOCT2SQRiFEoRzx/YfsbKCSOgpSz1MGq6NXrUk2r"
    "/o2b7b6/3vQwgXJBmM3An/ufi/nnCyqG5DJ1IcrEhWy1bip7J3oynO1NvUOYj3ry1GaBm8"
    "qQcFMpHtEyI9zSvg+2gZNPif6jJl9/T1FgWIb3jgAXhs7XHbY14g7uDDfvHyfZOQBzysEv"
    "uosxh/SSlAzRdKiqiDYO9fiDsmXIZIOvCgTNN0EOQm1slq42TJNpmIXxIBv4vcTgm7iHWr"
    "S2W4WpneZqe1MiOViyUX6HPXYiCug28VHsMiXSce8jqTu/pJz1nbE1R/uu1/+jlncR+ORx"
    "+S4RQXBsPxVQF8DJ7xGKwYoRrVyOeIuvCUHxp1D6Cf7SN0jMTEkniIeBxQ1bPIQrkiu6Ji"
    "bvFXRM4RSh6LzGMrBAbmxE4vdolY8lpkXpuOgwj8DRLFq9jHYZgPAcvWUs/32onkMyDyM5"
    "AkzXqrOFIYAIv7oIHqSWQCLkcCrkx/Pir6S+h6wKBOBuJlAHMCyQMOHqw9dw28YGMgdZFh"
    "Bv11Oh5VaJhFwuKqYy8C5T9K0tsG+pS3dh7aTmBD/wW+7TEcthio+s1fcZ9XWFrwBMXNH9"
    "pWAw8n9KQGfkaRgGoWVZCLwSh8v84wygNrZ2O45HtysahEKJmzd+YUA2FK7KmLQSmRPiMg"
    "5XSU6q3hJ1TsmwfILy6hWr+BochkOLTo+xXTWzza/KehFSilXsahl2Whdbsk5lCBeQK7Ot"
    "DP1nStP9T+xNke1Ico2eazcTOeGHFiTpR5k2tKk3gKqT31qTsT9W6oRdkl5KIqmWfPCTqM"
    "1KByogv67nGuTJIew5fY02v0ALedKGPjgBRzB2GRUElBsYMJg31uYkMjkhTQ/BvnLOKZU/"
    "XJU0rtR2jtx3e9wLBCbscMTSdZLDSLsQ9t7bkL4PvcIrREK2UohwzF58Pjw6TWobfkhr5M"
    "LLHfgj1H0YpcOiwuEGGzbI9XMe3NbxPgVBngGeUoTlPalbLZGDs249H2A5cVEMiDVT6nbE"
    "pmVmHgdRY8MwjMxeMKv8+ODZ+e+ajl4eunc3cVvVx5O9fDOQHPA5Cusjf24oyOk7RuloE7"
    "XLYo/d5uTRwtvORNc0iNzNTTavWev9iputTdSREEvuRPWeUH9x2iyo80J0pz4omaE2O9ir"
    "duSIGsC7HnhykfEgO3eDQhc1O2xe5RopbWD6GtH7LaUZupj7IWj6zFIwjMp1+Lh9rIs8qd"
    "5rb5NQVP8+Pa3TRlmjP4trYRvIzaOYUlk/Q+msQ3F+SL88jSOoeIbTrV0jpHXDhlbZ0T1E"
    "0ebHwoIWdlnRyRfJKbPcmW7a8dc8MNdpGuexq3rKlzLOTbqqlDFk/HjZ0RBDEm+tutjuyZ"
    "RGZFL7LPGYPxZKJO78aja3U0UI3MunapbBsxg+onXZ2M+kNjqo8n/Q/qpVJs2cUud9Hk1I"
    "OL6lMPLkqnSoQe16Ed8fAOirCXF++ayDA0rOZMCdxZCuxD4sfbrJnR9dsC+3KkMjCCIyiF"
    "bNQimWNzH8zKJpaHs1bAHO2HS/DWm5jzlAdJdj+k2t8l47JMDuo4g39wv/L9HfaUGneT8U"
    "CdTrXRh0ul1FTlV468uol3t+yrVT/daRPcEF9Ib6xgC6L0xorBiC7JU6TbgAWu07Z4BIsn"
    "P1zxvGRM4u69avsXaruALTHmXDgezfPXb7jWjJSie/i2UCnf/hfD0lYXYZlQdGh3epAoyw"
    "zzr565XiN5y6wqcWVD09uwoS8QFu0zmyBKtjgtHtTBGZfqSJdg9CBfaaP+5DO7NuoVo7TH"
    "1Wdd7RcYgPDj9MVmFC0JlS55CBePIXwy2JKlUqzkiTokXPZm+ioEd3AYdguU0q7bRsJbIQ"
    "5K5iMJllZTHwZWh3XjpBrOGLHeGAIlP8XffCX0geI+KC7qy+b7H8WE1EcFVy4EvoJ++qYw"
    "g/+iaPFp8TbMs+QYp9VluBSPk5OJP0Im/iANymZX1qxkAE2y0/Itmsza9/pNJavyxV2WCG"
    "Uwt4yXl/HyYsK8z3h5tvTYA9id1CWLQJfEpkhJCXSqPEsfzfXX6qCwOHLPRwO7SSI/dgdB"
    "QLaKpmWhZ9hnHA6c+Wap4bjcTZLAQKbLp4HL/ITj5idQnNrFHU+RC+2PV2/72vBSIf9mcH"
    "o7vVTQn+JuqYnJrEngXnXUXilkL3mbmPhXqIQZSfe8HK/Om0SdolE1fqRS3OmRDu0UGuj9"
    "m35TwLiTFsqU3cO7nbSFk4ul6o3UPzhXSExyqaA/SHCro2sSMhVfoJb7wUBVSUWK9HIG++"
    "jqTidlKuKrGbxWh9rvKgmPSi/LIVTR/6y4hpHVyKjsYlDhn6NdoyvtRmPS5gekM2iI3UPt"
    "2iALFS41ctvXU2pWZ4mSqhVS1ZPSXI3vRwPq68Wf0/77EQVauS0dp+vDtB9d77Ks7j/ZIA"
    "5k8oDps2xZWwPPMsLuCaO2Qs/WDlYHLXKm+06H0zEnkAFoQgegxTs8Tk5nVJK9QrPXx3rZ"
    "Lu9yjlAeMCgyj5PTrvkCY/JUnQuOaUVjXyIsvpqb3RKNmcQS9ya4m0EAVuuAJzGPJjmcU/"
    "NlWxjv2aO5cEwktq0dVv48pVwYRF4YCK+MwH0CjC1UjVs1T9bqAWiCJFryeKzjF2DOCAGu"
    "yR7IUXVvT9pCfLtMhPqRZBXtXWwqqGgaGfZRH/aROoOfGYCwS6V4QQHeGodAP1+8IQgl5d"
    "Vw3GUZ/12L9PejSTsEfqsBxSzotsRuUAg3C+EwTIqizSqTMvJWyMjbmP077aqKtFJZEVpZ"
    "QVNhbJj6/3bPbUYtdNSNdNxKxy2/4xbdCvrsaJ3aTLccncxz46hfZoHAtLlK82UU3TNEtO"
    "Ucz2l6fNtUBqncrdbvVouh0XvctJ4uxFv3q4wHTdTI+ch0sGULltoXGm7AUhvHviPpSX26"
    "6BAU20KKuhsAuCB1Beri6ONzYg3zIUATkRh6aiKq5p1tlXqpaHzGOFYiCjlPfWWTgugyLv"
    "/IcfkZIxs7CDISkXcFwrgHCu8hB9Jlyu5pQV0usy408G1VWaelewn1bbWhaUq5teLYWq3Q"
    "/YxdPFMlQulELxjQ0G/xg+cEG1dMIS2ngltO42QhRizXr9PxaEuKESucy7IXgfIfxbH9E3"
    "aHsZiL8cjxNVki0hpqlEgbMCqo4QmuSm/e0Y60EnrhbkVj+qHzc2cwspjfTdQbdRJVts43"
    "kLF0f+5jQt8fXRtkztzHXazdZ01Us7NqxeyspJZhr52DGLArh2n6A6bxDe6n+vjWQOJ8mh"
    "wvw8HuPPWlkv88gx/UkTrRBvHh1dk4dvsujNx/tVrHhMvQXHJtaWiaAzIPztsyhhQkYhN5"
    "WC0NiwgDpBM7hh/O/x8suFK5S4TdW3xenzUBG42qhJv0sQCfuxYjUFUH36oOtMlRdQHqOv"
    "VZ/aTXa1i5KrXJ8KLaxcI9rtoZQbfj6sCe6YCi5m7Y10a8ywMhulTIvxn8qN8i1QD/3UXQ"
    "77leRwTog+eujB1Kd7Cpu/CKHKCKh7/yuWURTdMFmA8tiTB+kd3VQLJmznm2Lou4C1xo/X"
    "AJF1qknqaB0Fu7Nl/hGjZ193Bv6xTFDL8HJK1DD/AkDbKJZfpg0S5uL6HrAQPhA7wvFUEa"
    "9U4J5gTSN8Hhmwh9YCC90QFEQTQXgWHDB9db7cKOrXNJznBwxv0CPM+28OO9tP0AePiEpm"
    "fziGNWyS0ObmEdB30L4kAy1q5jLyoSOxuU5GJPdcAN23X/M/bS8G7ZYrJLJb6Ywf4obokv"
    "BNi8nWC5tIn6QZvqanKYIwdHMspLJbueQfrkydyRk9E1OV8yuZzBwfj2bqiSiPz0MgrnNw"
    "bj0bWma+MR+Rq3qh5F95fb0Sz90UAdknj99FIMq62sEnaEKmG5qMYS5lsqhBWJpbteaHe9"
    "rBPyI3FZlrQ4VI1dx3WfwnUZ7QYhMBTt4QNhqODseWg7gQ39F/i2x4jPbiU8Rh5g33FZF2"
    "sg/CzOEcr1TGQeC3Wo0Onw+ZTPFBIT5X0eKdSk1AydDffMIyw7mjJ5sCozU2JhGJD6Y70t"
    "eY65sb80TnfM1TgjdEepOuPjQHzma197GDlFJSvQ7KcCjUw7bH0LJ8vU7TkTSJi6CmJqEM"
    "9EV6ZsHi9l88jJH4fBXNyz2erchXVOoY4uhfKInkOi3ZbzbcdqyAcvgyxIRvJJWK5KdpXj"
    "VOfpA89ePPYYW9W455e6jamZjRGm9OmPUvf0mWGd1fvJL0j7YwaqVct2iqSDi2g7h5usGY"
    "7AmgNk1yzfXxfQPXvZREdBo2qWzJKWEmdP8bhaKRJZaoDTl3rUxez7fwGFgiM8"
)
