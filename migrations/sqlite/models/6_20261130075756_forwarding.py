from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "correspondence_forwarding" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "actor" VARCHAR(64) NOT NULL,
    "email_address" VARCHAR(320) NOT NULL,
    "email_key" VARCHAR(320) NOT NULL,
    "forwarding_text" VARCHAR(200),
    "status" VARCHAR(16) NOT NULL /* PENDING: PENDING\nSENDING: SENDING\nSENT: SENT\nFAILED: FAILED */,
    "status_reason" VARCHAR(1024),
    "attempts" INT NOT NULL,
    "due_at" TIMESTAMP NOT NULL,
    "claimed_at" TIMESTAMP,
    "created" TIMESTAMP NOT NULL,
    "sent_at" TIMESTAMP,
    "correspondence_id" CHAR(36) NOT NULL REFERENCES "correspondence" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_corresponde_corresp_597330" UNIQUE ("correspondence_id", "email_key")
) /* A reader's forwarding of a letter to one e-mail address (contract §13): the durable work of sending it. */;
CREATE INDEX IF NOT EXISTS "idx_corresponde_status_8e09d5" ON "correspondence_forwarding" ("status", "due_at");
        ALTER TABLE "correspondence" ADD "allow_forwarding" INT NOT NULL DEFAULT 0;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "correspondence" DROP COLUMN "allow_forwarding";
        DROP TABLE IF EXISTS "correspondence_forwarding";"""


MODELS_STATE = (
    "eJztXetzm7gW/1cYf9l2pttJ0rRNc+/cGcchLVvHzthk2259h8VGttlg4eXR1Pfe/u9XEi"
    "8BAiPHD0z1JcGSjoDfQdLReem/rYVtAMt92bGhp0+81qX03xbUFwBdZKteSC19uUwqcIGn"
    "jy3SdkI1GrueE/Q11S0XoCIDuBPHXHqmDXFjdQ6kkEDSoSE5wAXONx1Xo+uZ6XrAkZ59HA"
    "yev8QdGvYE9WjC2Qa0PjT/9oHm2TPgzYGDevj6b1RsQgN8B270c/mgTU1gGanXh6RT3dJM"
    "A0DP9FYa9Bdj1AciIK01b7UkLTtz3bkh9Phpx9rEtvwFXNfHcuXNbRh3gl4Rl84ABI7uAY"
    "OCD/qWFQIdFQXvhQo8xwfxCxlJgQGmum9hJmDq4LmSspam9fqqNpRVTWvlGBRRULiHRQh5"
    "zFwTei7BaqF/1ywAZ94c/Tw9/RHcJ0EnaIVv+Ht70PnQHjw7PX2Ob2ijLyT4cnphzRmp+k"
    "G60D096IRwKGEJWOimxYN/TLAR2CGUMdZRkwTs5APfO9qvzk4qwI1aFeJN6jDg9JAfm6gZ"
    "B8IJRfMgroRwCcB5fIPZChh5hK9s2wI6ZINMk2VgHiO6TeaNKkDHJTtAugTZq36/i3teuO"
    "7fFilQ1AzE97dXMppLCPKokemRYqWnZvC2dNdDOMKp6SxYqF8jxDxzAdiw56kz4Bsh+cvo"
    "4vi++BI+qMqtPFTbt3cpZly3VRnXnJHSVab02ZvMaIg7kT4p6gcJ/5T+6PdkgqbtejOH3D"
    "Fpp/7Rws+k+56tQftR0w0ak6g4KvqBl+/pA7Va4IKxPnl41B1Dy9XYZ3ZR23zV4myRLdGh"
    "PiNMwmji5wyFpGtggZkegp8ToajaUinKSLdbJ0gVM5kh9nwtFUZsZ6ZD8z+kBVWMmGP7zg"
    "Qgkta/qwpOJmOgKdBjjzGTNa7Qx5kdSeGwqa8oNMOP8OvZ6fnb84tXb84vUBPymHHJ25Kh"
    "Fs1cxaLPcUij+cns+MXRhAcFg6Qq/AXkzUP+XQXg3xXi/o4hNMWTEAfcGbJdwXxI+fT16y"
    "oC6uvXxRIqrvtRl0W0Tw0Q1jKaqi9dSO1sy60upVUXwjrPFzXSG2xluihbORdcO9qovZgw"
    "iicMenpe6g6SJrQnfuzlvexIt3DU33wNJ+2e7ZlTc0Ku24aBVmB33TzOIqk8taOdYEKNd4"
    "oxeSUd9Nh3TYgoJLobKewm1iZfSjYEkmM/SkvgRLVsxfRTO2Ru2wqGREgXjInkt9imHXSb"
    "Vuclv2HzH70GZQdDHm8ZoUkwV9BT6XACcthn+6jz+t+Sb9tK91Ii/0ZweDu8lNCf7KRUhR"
    "MXFThxUciJiwJO8Hz0FEmdMT+0naYm6/0dcFz29iysKV29l0mbg2zJjkONVqPN2e6NumJ/"
    "1liFziBUwbFmi7iudL5w6FYHmTHqpH2s0bywRVVCiTT9iPB5qmahtBMhWaeZkpOs0fpmAQ"
    "2OeRCnacQsXU2LFmIGN8AZ7lBD1kyYwQYwAwFzdZhNN/CbIQKyznDZK3V3YlALrycOrycH"
    "eBg5hJehrxhb8UItX55wvcbvCL73Lej86iJQ2xZbmLatdYJ01KIGTkXoUdBHZwChqxYuRU"
    "clWwuXoobsapIpiAPsFFED9zWnb6p83VkHX+rrflMj1dO9C5yK5uiipqXrqY+InmB+bidm"
    "YV0KlOKxfRgY0tR2UjZk1Gps+x4xHNNjPm+G3mbHW1nwxRov1vhjWmnEGt+QNV4EC4pgwa"
    "MLFqyJ9NSeeOY3NNOzxKW4rlQ+0ulWBzHcseSJK3P2s4gU787OXr16e3by6s3F6/O3b19f"
    "nMSyRb6qTMi4Ut5jOSP12a4XPJ7iiXUUHlh391ddZfhBvr6U4ssRDC+1m7bSparC3yN4I6"
    "sdQhNejOBAbqOf+O8Idvq9G2Vwi+vjyxHEM4TyOy6MrkbwvpeUJtf4/oP38rV29UUbyB3l"
    "TpF7Kn6IXCHdst1VlV6PbhaUoDurarvz4Ra1H2rX/U+9br99TZ6DWT6CPfl3eaAFb5RcR+"
    "XU22UKUIu+qtwonbaq9HsIcvzUuaJMqwhiRiHCuT/41B6Qh40vEb7ocVSCbnCB0R/KA4Ji"
    "dJXdUVVbXiutriWLa05mnEx8B23YNN3Lj6LyqOUM6RZCluumtigB+yhillP+khPP5toOxA"
    "TNE6HenFcYRm/OC4cRrsqYe8F3xvgpMfWG7ZuH7enJWRV0cbPirS2pTCM8sdFc4y5t9I6w"
    "wEnq/l65ZsPNJM5g7/um8RJ30ayJKlgSgpmHnlPImzL2AUWI5+G+sR1gzuBHsMpJWRlo4w"
    "RP2Q6PE+akNBmMjv4Ybw3Ynxs2dgMLBLb0TnvYQaJM68dhtl0ZTjCTcWV5VZaTK9d2y8Zf"
    "F6C+ydRoGmCxtD10o5X2AFY5re/XlgMm5tIEwX4KfZKeHzgY+GPLdOdYWEEkdJe5GiYN1/"
    "aveCba/tSzfg/Y+ufUhxMSIkbuhP+c/6tVu7mobJtXJ+/YOukyd+JVlYyNqjhTo6lxEG9f"
    "WgzQ0ngDEjJkddZa1OlrXgDXRcugxv9V5ymbJ6/vcAJxNQdMgcOWHtd95hniBn7s5yfvqj"
    "hC4GaF2AeVWa9MSgCqvlBSRA0Ee/uTuKXDmY9mBx6UaZoGglxFO1msnMzpJqPpl/jFbzJv"
    "x4RNxHqnS6W/WOjOaqO1MiEViyUX6GPbYCCugu8FdsQsXSM+8jKVu/xZTWnbI1Sf3bY/P0"
    "9p3Lv93vuoOcWFTrd/lQEfg6fNvQXDgaMY+RRRE77yfaPuAPTaLkJHi1QskYWIxwBV3ItI"
    "n1tnU1TILf48ySlCweM689jwgYY5sdHAzhELXteZ17plIQJ3habiRWjj0PSpx9K1lPO9tC"
    "PxDdT5G4hCaZ1F6D8MgMF9/EBxJyIslyMsVwRFHxT9GbQdoFHnBfEygNmB4AEHD4KFZGo7"
    "2FSOH4ePAyxygT8H/kvHXgLHW2lIXGeooX8b9nsFEn6WMLvqmxNP+p8U1e4CfcpaPvZNyz"
    "Oh+xLf9hAGcwxU+eY7u8/OLO24g+zmG3xHEhUOs4oNLIzUDcUsKiCvB6Pw/RrDKAcsrZVm"
    "k+fkYlGOUDBn68zJOiLl2FPmA5QjfYJD0PFsata6/1C+hw4gb5xDtXwDSZEJd/S67xd1Zz"
    "I3+c+oy1AKuYxDLktcGzcJl6IcI2tsakKvrahKu6v8gaNtqB9BCNQX7aY/0MJwqSAeKlUU"
    "h1ZlAq7KA6oG8l1XCaJ7yEVRiNWWw6YYAVv5QCP07GEEUxS0xBtuxQpyalX6rHcdvmRiNy"
    "F9gykkohLTxwaKJfYZlxVVe2La5t9OJ37onAJRmlLIRLWWiVzb8TTD5zaX0XSCxbVmMbZs"
    "Lh17AlyXewrN0Yo5lGMORTfFOUe1pe/MuKHPEwvs12DPkWAkFaSMk3mYLI3kVUh783EArC"
    "KzCCN1yHHOdrkYQ8Y+Tpubrmez3DR5sEpH+g1JzzL0nMaCl9h1nviV3aQMRE2ESvc8fTJf"
    "4KnPMuHDE/FKf2ntuO+mopfK2mg7OKjlaQDSySP7ThiSdJTq4Txw+wt3pqe4tZHPmfmwah"
    "C0lujKdpqU6is71py6O8niwRe9LJJX4bp9JK8S+lihj22UPjYUTHnT4WTImhBSsZ+sOCFw"
    "k7kOmbvaNYqjHLVQH9VafSSSeO0yolekmBIppmoC8/GnmKKUI4xNVlp1UnlXlXbJrXD6gY"
    "TtvMD5xZUSUsmeSrqEYPKAI3k2OZIA/IpzcscnGjzDCl/ctTTyT070t6evniM2zIFk+A5+"
    "NOnRdh5wPzhXBe7S9BgnJOzx5iM4gp8cE/UKpUfTm5P2sWyIHmQCECqSCUlF/FzoNtDViZ"
    "veP9Bj/WWPSacu6lIigTfSxF4sTO+FNLF0c4FvRujtxxG25bqoQocGKUtzSnIfAViiG/0K"
    "IBpXPnBRwxVqqKOOHfwqiFuujaFAEwa5se2gXwZ6MvJ+6NboY9BXLu58BCOI0M0g+IYqER"
    "nAj/lSGgCEODCS104dO/GLhD9nezotPmgiPwmRBO0F6cWSTRe2x4jMYAfPDLZnmahuC8au"
    "haJgLFBnzlSFOUfYQLh3ctxBMvtwo832JhZIFyCdLMvcGgsGafO2WGcn1c6aKDtsIgf68e"
    "k8W3dy71rpvedcFyOySym8GMFhVDKkSlTyU82qBTdR6G3nZDWGgglJjC4rkHGtSi8hbN7w"
    "2JVST0di/GLp8RyoS5NsdJTuRgPjZFcwb+WwsrTXFb/vZEIltKK11oqSvelGR1ikKUWGiV"
    "pzWYSENZvBLnYz4h/DFJkYwHXmrzCvCPNKTWA+fvOKAsf2947tQ4+osXMGllT9izITi4lb"
    "IkSSpmvNKh/sR2mB9fmBHcPFxghsyIhOW5CeYUU9nUXI9FbPJR1K5GaSO7cf3ReSD7Ehgi"
    "j19Ufd9LB5gc7/dJkzqezrxiMYmDQQJuQefxLyYZDa9k+WheYFMapgA4suTcEjNpG4Erpb"
    "YKzQnRkgtgmspUM9EXvNR7D0pPFKwprtse6iBo45m5G3gtKf6S8Q3XNhzhzydOHTRCz78z"
    "mxpOAbraSlTowguidFuRLdFyPytui1w1d0samFRDK4iSnqGU42ZE5Qc2yMcfHr4IgHdLsX"
    "0ti3HiR/iVdR97m0sL8BV6LwQe9sYpge0TtRBqWXkora6BMcryI5vgWkv3xjFpC6IABovC"
    "IduejbRRcOwH3iGZ8YoMLmaSAwTbEpJ5XFPHP2Rzav1ZPOCxcukrhuHy6SIpv9Xsw89T5f"
    "55A68F2k/D7mDH2HEYK3GAno2R4L8sL5PG4vFKtZKANBigPLhECAmUtaGIqiqRyoPDaAIn"
    "oBNWdA6i43blTYG2Pblg6KKzn1Pt1utyFGic0VfF+aaMlnHJWYcSUntXOdLFRe+ixG4S91"
    "WH8pIemJoxSbc5Ti1LQA90GKKSLxJVf7kg3TXVr6ihvsLF3z/EDEEYqHQn5XRyiSxdOyw9"
    "B9ghgT/fX+auye6syKVhDNqnX6g4E8vOv3ruVeR9aSWNRLaV2LEZQ/q/Kg1+5qQ7U/aL+X"
    "L6VsSVa3X43dlZhdwuoso32HoQkoHldh8wZOYSfnF5VcPc8vSnw9cWVO0YWmH2e1ZHpurN"
    "NypUhFxiUOHRfZqAVzjgk1Q1/xOBOyiTfSItTto9+yyobaD+fgLfdaSVPuxXFln2J/o/xW"
    "hONZsxl8fBEJG0h1xVlY7u9wXhHtbtDvyMMhCU/IFRVlYQlyoES5UPKZTeTPd8oAF4QXm0"
    "h9IkvJsQc0iCwlP9V8imQbMMHH8k7mYPLg+gueQcYkbt5Q2/6ktgnYAmPOhWOun71+w7Vm"
    "xBTNw3f72nzX/A9D01bmbBdRNGh3uheHuwTzR0dfLtF8yww4vzKh7qzY0GcIs/qZlRdkcT"
    "4uHpTBGZ4MFi/B6EO+UnrtwZf4HLF4He72e++vGCeJXX1R5XaGAQg/TltsQrGjSaVJFsLJ"
    "3IcPGntmKZxW0kQNmly2pvrKOHdwKHYzlEKvu4tM+pkAFpG9u0oU0B6TUJe7gZVhXTlZGq"
    "ePWKsPs1m8fnEl3wVRkE3S3z9wRE3yU8KxI8ANInMy4Rr5tGi7u03F7F4ULiIGpEYiabHL"
    "GpKgTE5nWJpkf/6vR7R+U0c78Pld5ghFFK7IIysCnesJ8zYDndmzxxbAbqQsmQU6N23WKZ"
    "qcPliGJY+m6ktlUJhtudXQhK8tOzr2BpuDICBbxSjHZFmyVqp5lLcVhyiQ7tKHpoj4hMPG"
    "J1Cc2sQcT5HX2h4v37aV7qVE/o3g8HZ4KaE/2d1SFZVZFce9Yq+9nMveBqlen5rktW6qst"
    "1nHj1QVHutgd5FUHsIGHfQQp6yeXjvJmzh6HypWj35E+cKiUkuJfSHmdH1vtORZXI4U3w5"
    "gm10daeSQ53CqxG8lrvK7zJxj4ov8y5Uwf/kKCotOVGqsIpBhV9HuUZXyo3CpE03iHtQEL"
    "u7yrVGFip8MNdtW42pWZU5SupkraKamOaqf9/rUI8X/o7r73sUaPmyuJ2qduN6dL3Jsrr9"
    "YAORS3f/rmdLC4uDhoYjorTIN4zH+4zZgXBAq7UDmsj322j2koyfm4zlFKFIFlpnHi/Qfl"
    "Kf8SYpSFM1zjlmJxL7DGHxqK82CzRmEgvcq+Ausvxv2aIp0sD/DAsD4ZXm2Q+AsYUqMaum"
    "yZ6glq/XRLUdi7UI0PmpxhBt9ao6gGga4Y5Q7o4QGymfaBinza79qM/jBHitfZz+vnhN4z"
    "mhSrPsWR5/Hm9XGvp20GmDwN+poysLujU+BRTC1VwLNJ2i2GX2Q+ERWkuP0JD9G0n7WVoh"
    "rNRaWEFdYWxyTK5mUUyoa+0NIgyKwqDIb1Akp22wvUhKI7BSdCL+iiOvlgE83eRKGZdQCK"
    "NtVaNtStLj26YySMVutXy3mnXZ3eKm9XghXrtfZXxodfXoDlQHa7ZgsX6h4gYs1nFs28Ob"
    "5E2zSdemgQR12wNwQuLdy/y7l46ND5rS9Ck+xUz4cB/YhzvhYdV1kiKps6ReG9/WzNjgQD"
    "pP2TzJpMkpuWsN/K4ycpsYuYXJPkxhXR5hmlJsdzi2Owt0P20Ta1GOUBhcM0ot9C6u9xTH"
    "1IIuhDaz5trMMLCE4ffz27DfWxOOwnL9McyJJ/1Pskz3iE1ULOZiPFJ8jZaION8WNaV1GN"
    "m2cAdX9TnostYL904kpp86lnMEAy323UC+kQdBFuR0AWlL16d+RvTt3rVG+kz93EQDfVpF"
    "NDstFsxOc2IZtqRZiAGbcpim32PIV+d+qPZvNTSdD6OjSDjYnaa+lNK/R/C93JMHSkcLj0"
    "mJ27HLN2Hk9jObWjqc+fqMa0tD0+yReXC8K2VIZkasMh8Wz4ZZhAE++11z/fFfYMIV9psj"
    "bN7i8/q0CtioVSHcpI4F+Ng2GHlNVfC96PCTFFUToC4Tn+XParmElcpoGjXPil0s3MMMjw"
    "F0G64O7J72ONXcddtKj3d5IESXEvk3gh/UWyQa4L+bTPRbzu0QADp17IW2QZoHNnUThsge"
    "Mj64C5d7LqJpmgDzvmcijF+gd9XQXDPmPIeVRdwELuz8IAIbGiT3oobQW9omX5ITNnXzcN"
    "/ViXsJflM0W/sO4AkwYxOLULOsXtycQdsBGsIHON8KHCfKjRLMDoRtgsM24btAQ3KjBYiA"
    "qE88zYRT21lswo61fQnOcHDG/gYcxzTw5z0zXQ84+DSfJ/OIo1fBLQ5uYRkHPQUxIGlL2z"
    "InDBm1Yvomdld73LBdt79gKw3vli0ku5TCixFs98KS8KIGm7cjTK01kN8rQ1WODv7j4EhC"
    "eSkl1yNIn1KYOp4wuCZnEUaXI9jp3951ZeIlH18GLvZap9+7VlSl3yOPcSurgcd9vhz10u"
    "515C7xoY8v66G1FRmlDpBRKuVpmMN8TTapLLEw19faXC9ySvwMXE6yfVq2/eAv87yu4JpB"
    "0e7fQYNyGh77puWZ0H2Jb3sIv+GduG2IQ7gbPgbDlZGfxSlCMc/Wmce1OhjlePh8zOei1B"
    "PlbR6LUiUtCR059cRj+BoaXrfTjCRt4JiTeYsRARfWvCgLe9OTNrXJNPKzpBl5osWmOELt"
    "G3Bcpg66WGdCkdTZG7VO/r94UHEgHDZvILqnJ1VcSlCrElVUzqWk8Pjd4t1q8bm7Iopg3X"
    "Y0J2ftM7L7x/8Bplv/vw=="
)
