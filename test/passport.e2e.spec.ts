import {
  Controller,
  Get,
  HttpCode,
  Injectable,
  Module,
  Post,
  Req,
  UnauthorizedException,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
  type INestApplication,
  type MiddlewareConsumer,
  type NestModule,
} from '@nestjs/common';
import type { Request } from 'express';
import { Test } from '@nestjs/testing';
import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import request from 'supertest';
import { SessionModule, type SessionModuleOptions } from '../lib/index.js';
import { MODES } from './fixtures/create-app.js';
import { cookieHeader } from './fixtures/cookies.js';

const USERS = new Map([['alice', { id: 'alice', password: 'wonderland' }]]);

passport.use(
  new LocalStrategy((username, password, done) => {
    const user = USERS.get(username);
    done(null, user?.password === password ? { id: user.id } : false);
  }),
);
passport.serializeUser((user, done) => done(null, (user as { id: string }).id));
passport.deserializeUser((id: string, done) => done(null, USERS.has(id) ? { id } : false));

/** Runs passport-local and logs the user in through `req.logIn`, as @nestjs/passport does. */
@Injectable()
class LocalLoginGuard implements CanActivate {
  canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse();
    return new Promise((resolve, reject) =>
      passport.authenticate('local', (error: unknown, user: Express.User | false) => {
        if (error) return reject(error);
        if (!user) return reject(new UnauthorizedException());
        req.logIn(user, (loginError) => (loginError ? reject(loginError) : resolve(true)));
      })(req, res, reject),
    );
  }
}

@Controller('auth')
class AuthController {
  @Post('login')
  @HttpCode(200)
  @UseGuards(LocalLoginGuard)
  login(@Req() req: Request) {
    return { user: req.user };
  }

  @Get('me')
  me(@Req() req: Request) {
    return { user: req.user ?? null };
  }

  @Post('logout')
  @HttpCode(200)
  logout(@Req() req: Request) {
    return new Promise((resolve, reject) =>
      req.logOut((error) => (error ? reject(error) : resolve({ user: null }))),
    );
  }
}

/**
 * The README's Passport recipe: the app module imports SessionModule and applies
 * `passport.session()` itself, which Nest runs after the imported module's middleware.
 */
function appModule(options: SessionModuleOptions) {
  @Module({ imports: [SessionModule.forRoot(options)], controllers: [AuthController] })
  class AppModule implements NestModule {
    configure(consumer: MiddlewareConsumer) {
      consumer.apply(passport.session()).forRoutes('*');
    }
  }
  return AppModule;
}

describe.each(MODES)('passport 0.7 with passport-local in %s mode', (_label, _mode, options) => {
  let app: INestApplication;

  beforeEach(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [appModule(options)] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
  });
  afterEach(() => app.close());

  it('logs in, stays logged in, and logs out', async () => {
    const server = app.getHttpServer();
    await request(server)
      .post('/auth/login')
      .send({ username: 'alice', password: 'wrong' })
      .expect(401);

    const login = await request(server)
      .post('/auth/login')
      .send({ username: 'alice', password: 'wonderland' })
      .expect(200, { user: { id: 'alice' } });
    const loggedIn = cookieHeader(login);

    await request(server)
      .get('/auth/me')
      .set('Cookie', loggedIn)
      .expect(200, { user: { id: 'alice' } });

    const logout = await request(server).post('/auth/logout').set('Cookie', loggedIn).expect(200);
    await request(server)
      .get('/auth/me')
      .set('Cookie', cookieHeader(logout))
      .expect(200, { user: null });
  });
});
